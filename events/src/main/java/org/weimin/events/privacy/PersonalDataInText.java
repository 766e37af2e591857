package org.weimin.events.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The rule for staff-written reasons that stay in clear in the record (an unmasked view's reason, an erasure's legal
 * basis): they must not carry personal data (rules.md "Personal data": never in plaintext in events), or an erasure
 * would leave it behind. Rejected: anything {@link FreeTextMasking} would mask, i.e. ID and phone number patterns, and
 * the given values of the applicant (name, ID number, phone, address), also with spaces or dots slipped between their
 * characters and in full width.
 */
public final class PersonalDataInText {
    private PersonalDataInText() {
    }

    /**
     * @param field  the request field, named in the problem detail
     * @param text   the staff-written text; null passes (requiredness is checked elsewhere)
     * @param values the applicant's values to look for; null and blank entries are ignored
     * @throws DomainException {@link ErrorCode#PERSONAL_DATA_IN_TEXT} with {@code field}; the message never echoes
     *                         what was found
     */
    public static void requireNone(String field, String text, Collection<String> values) {
        if (text == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(names::add);
        }
        if (!text.equals(FreeTextMasking.mask(text, names))) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_IN_TEXT,
                    "The " + field + " must not contain personal data (ID or phone numbers, the applicant's name, "
                            + "ID number, phone or address); state the purpose instead.",
                    Map.of(field, "must not contain personal data"));
        }
    }
}
