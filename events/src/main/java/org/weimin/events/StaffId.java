package org.weimin.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** Identifier of a staff member (the login name from the user directory). {@link #toString()} is the raw value. */
public record StaffId(String value) {
    /** @throws IllegalArgumentException when blank */
    public StaffId {
        Objects.requireNonNull(value, "StaffId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("StaffId must not be blank");
        }
    }

    @JsonCreator
    public static StaffId of(String value) {
        return new StaffId(value);
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
