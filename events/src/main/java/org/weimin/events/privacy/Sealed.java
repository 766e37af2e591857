package org.weimin.events.privacy;

import java.util.Objects;

/**
 * A piece of personal data as events, aggregates and snapshots hold it: authenticated ciphertext under one
 * applicant's data key (rules.md "Personal data"). Destroying that key (erasure) makes every {@code Sealed} of the
 * applicant unreadable while the events stay intact.
 *
 * @param key  which applicant data key sealed it
 * @param data base64 (RFC 4648, no line breaks) of {@code nonce || ciphertext || tag}; the format is owned by the
 *             {@link PersonalDataVault} implementation
 */
public record Sealed(ApplicantKeyId key, String data) {
    public Sealed {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }

    /** Never prints the ciphertext (it is long and useless in logs). */
    @Override
    public String toString() {
        return "Sealed[" + key + "]";
    }
}
