package org.weimin.ops.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Which characters text sent to the API may contain (decided for issue 8's hostile-input suite): everything that is
 * written text — any script, full-width forms, emoji, combining marks, zero-width (U+200B–U+200D, U+2060, U+FEFF) and
 * direction marks and isolates (U+200E/F, U+202A–U+202E, U+2066–U+2069) — but no control characters other than tab,
 * line feed and carriage return (C0, DEL, C1), no unpaired UTF-16 surrogate (it cannot be stored as UTF-8: it would
 * silently become "?"), and not the noncharacters U+FFFE and U+FFFF. Rules.md "Personal data" says free text is never
 * rewritten, so such text is rejected (400 {@code INVALID_CHARACTERS}, naming the field) rather than cleaned.
 */
public final class TextCharacters {
    private TextCharacters() {
    }

    /** The index of the first character that is not allowed, or -1. */
    public static int firstForbidden(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F || c == 0xFFFE
                    || c == 0xFFFF) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Rejected text in a JSON body: a Jackson format error that the problem-detail advice maps by its field. */
    public static class ForbiddenCharacterException extends InvalidFormatException {
        ForbiddenCharacterException(JsonParser parser, int index, char c) {
            super(parser, String.format("Text contains a character that is not allowed (U+%04X at index %d)",
                    (int) c, index), null, String.class);
        }
    }

    /** Every JSON string of a request body passes {@link #firstForbidden}; see {@link StrictJson}. */
    static SimpleModule module() {
        return new SimpleModule("text-characters").addDeserializer(String.class, new Checked());
    }

    private static final class Checked extends StdScalarDeserializer<String> {
        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            int bad = text == null ? -1 : firstForbidden(text);
            if (bad >= 0) {
                throw new ForbiddenCharacterException(parser, bad, text.charAt(bad));
            }
            return text;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }
    }
}
