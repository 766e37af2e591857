package org.weimin.events.privacy;

import java.util.Objects;

/**
 * The applicant of a case as stored in events: every personal field sealed under the applicant's data key
 * (rules.md "Personal data"). Optional fields are {@code null} when the applicant gave none.
 *
 * @param key        the applicant's data key
 * @param name       sealed name (required)
 * @param idDocument sealed {@code TYPE:number} of the normalised ID document, or null
 * @param phone      sealed normalised phone number, or null
 * @param address    sealed address as given, or null
 */
public record SealedApplicant(ApplicantKeyId key, Sealed name, Sealed idDocument, Sealed phone, Sealed address) {
    public SealedApplicant {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
    }
}
