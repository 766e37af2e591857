package org.weimin.events.catalogue;

import java.util.Objects;

/** A required material of a service item: a stable code (used in one-time notices) and its name. */
public record Material(String code, String name) {
    public Material {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
