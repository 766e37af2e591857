package org.weimin.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** Identifier of a service item of the catalogue, e.g. `MZ-001`. {@link #toString()} is the raw value. */
public record ServiceItemCode(String value) {
    /** @throws IllegalArgumentException when blank */
    public ServiceItemCode {
        Objects.requireNonNull(value, "ServiceItemCode");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ServiceItemCode must not be blank");
        }
    }

    @JsonCreator
    public static ServiceItemCode of(String value) {
        return new ServiceItemCode(value);
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
