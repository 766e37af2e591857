package org.weimin.ops.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weimin.events.privacy.KeyedHasher;

class FieldValuesTest {
    /** A stand-in keyed hasher: deterministic, and visibly not the value itself. */
    private static final KeyedHasher HASHER = new KeyedHasher() {
        @Override
        public String hash(String purpose, String value) {
            return String.format("%064x", (purpose + "|" + value).hashCode() & 0xffffffffL);
        }

        @Override
        public boolean matches(String purpose, String value, String expectedHash) {
            return hash(purpose, value).equals(expectedHash);
        }
    };
    private final FieldValues values = new FieldValues(HASHER);

    @Test
    void fieldsWithoutPersonalDataAreShownAsTheyAre() {
        assertThat(values.render(Mismatch.READ_MODEL, "status", "COMPLETED")).isEqualTo("COMPLETED");
        assertThat(values.render(Mismatch.READ_MODEL, "lastSequence", 7L)).isEqualTo("7");
        assertThat(values.render(Mismatch.READ_MODEL, "deadline", Date.from(Instant.parse("2026-03-02T01:30:00Z"))))
                .isEqualTo("2026-03-02T01:30:00Z");
        assertThat(values.render(Mismatch.SEARCH_INDEX, "holder", JsonNodeFactory.instance.textNode("SFQ-MZJ")))
                .isEqualTo("SFQ-MZJ");
        assertThat(values.render(Mismatch.READ_MODEL, "holder", null)).isEqualTo("absent");
    }

    @Test
    void personalDataAndFreeTextShowOnlyTheirShapeAndAKeyedFingerprint() {
        String masked = values.render(Mismatch.READ_MODEL, "applicantNameMasked", "张*");
        assertThat(masked).startsWith("text of 2 chars #").doesNotContain("张");
        String text = values.render(Mismatch.SEARCH_INDEX, "description",
                JsonNodeFactory.instance.textNode("电话13912345678"));
        assertThat(text).startsWith("text of 13 chars #").doesNotContain("139");
        assertThat(values.render(Mismatch.READ_MODEL, "steps", List.of("a", "b"))).startsWith("2 items #");
        // Same value, same fingerprint; another value, another one.
        assertThat(values.render(Mismatch.READ_MODEL, "subject", "申请临时救助"))
                .isEqualTo(values.render(Mismatch.READ_MODEL, "subject", "申请临时救助"))
                .isNotEqualTo(values.render(Mismatch.READ_MODEL, "subject", "申请低保"));
    }
}
