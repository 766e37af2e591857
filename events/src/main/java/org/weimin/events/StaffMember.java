package org.weimin.events;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated staff member as the command and query APIs see it: who, in which org unit, with which roles.
 * Roles are plain names (e.g. {@code window-staff}, {@code supervisor}; {@link org.weimin.events.access.Role}); what
 * they allow is decided by {@link org.weimin.events.access.AccessPolicy}.
 */
public record StaffMember(StaffId id, UnitId unit, Set<String> roles) {
    public StaffMember {
        Objects.requireNonNull(id);
        Objects.requireNonNull(unit);
        roles = Set.copyOf(roles);
    }

    public Actor asActor() {
        return Actor.staff(id);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
