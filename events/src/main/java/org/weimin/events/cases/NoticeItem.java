package org.weimin.events.cases;

import java.text.Normalizer;
import java.util.Locale;

/**
 * One item of a missing-materials notice or a supplement: a material of the service item (by code, with its name) or
 * a free-text item written by staff (rules.md "One-time notice and the paused clock").
 *
 * @param materialCode the catalogue's material code, or null for a free-text item
 * @param text         the material's name, or the free text
 */
public record NoticeItem(String materialCode, String text) {
    public NoticeItem {
        if ((materialCode == null || materialCode.isBlank()) && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("a notice item needs a material code or a text");
        }
    }

    /**
     * The identity used to decide whether an item was listed before: the material code, or the free text
     * width-normalised, case-folded and with white space removed.
     */
    public String identity() {
        if (materialCode != null && !materialCode.isBlank()) {
            return "material:" + materialCode;
        }
        return "text:" + Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "")
                .toLowerCase(Locale.ROOT);
    }
}
