package org.weimin.events.privacy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Identifies the data key of one applicant (rules.md "Identifiers": the applicant is the normalised ID document
 * number where one is given, otherwise the case itself). Shapes: {@code idh:<hex of a keyed hash of the ID
 * document>} or {@code case:<case id>}. It reveals nothing personal: the ID number only enters through a keyed hash.
 */
public record ApplicantKeyId(String value) {
    public ApplicantKeyId {
        Objects.requireNonNull(value, "applicant key id");
        if (!(value.startsWith("idh:") || value.startsWith("case:")) || value.length() < 6) {
            throw new IllegalArgumentException("applicant key id must start with idh: or case:");
        }
    }

    @JsonCreator
    public static ApplicantKeyId of(String value) {
        return new ApplicantKeyId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
