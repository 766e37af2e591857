package org.weimin.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Internal identifier of a case (the aggregate identifier): a UUID string assigned at receipt. Never shown to the
 * public, who use the {@link org.weimin.events.cases.TrackingNumber}. {@link #toString()} is the raw value, which
 * Axon stores as the aggregate identifier.
 */
public record CaseId(String value) {
    /** @throws IllegalArgumentException when blank */
    public CaseId {
        Objects.requireNonNull(value, "case id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("case id must not be blank");
        }
    }

    @JsonCreator
    public static CaseId of(String value) {
        return new CaseId(value);
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
