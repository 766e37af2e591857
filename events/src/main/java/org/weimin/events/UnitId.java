package org.weimin.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** Identifier of an org unit (a node of the org tree: city, district, street, community, centre, window or line department), e.g. `S01-C-W01`. {@link #toString()} is the raw value. */
public record UnitId(String value) {
    /** @throws IllegalArgumentException when blank */
    public UnitId {
        Objects.requireNonNull(value, "UnitId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("UnitId must not be blank");
        }
    }

    @JsonCreator
    public static UnitId of(String value) {
        return new UnitId(value);
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
