package org.weimin.projections.search;

import java.util.Locale;
import org.weimin.events.privacy.FreeTextMasking;

/**
 * The analysis behind "any Chinese substring finds the case" (issue 5; stack-notes: the Elasticsearch build has no
 * {@code cjk}, ngram or smartcn analysis). Text is width-normalised and lower-cased, then every letter or digit
 * (Chinese characters included, by Unicode code point) becomes a word of its own, separated by spaces; everything
 * else (punctuation, white space, symbols, the {@code *} of masks) becomes a space. The index's {@code standard}
 * analyzer then yields one token per character, and a {@code match_phrase} of the query run through the same
 * function matches exactly when the query's letters and digits occur contiguously in the text, ignoring punctuation
 * and spacing between them: "A3区" finds "位于Ａ３区东侧" as well as "A3 区". Indexing and querying use this one
 * function, so they cannot drift apart.
 */
public final class SearchText {
    private SearchText() {
    }

    /**
     * @return the characters of {@code text} separated by single spaces ("位于A3区" → "位 于 a 3 区"); "" when the text
     *         has no letter or digit; null gives ""
     */
    public static String chars(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String normal = FreeTextMasking.widthNormalised(text).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(normal.length() * 2);
        normal.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
