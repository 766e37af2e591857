package org.weimin.events.org;

import java.util.Objects;
import org.weimin.events.UnitId;

/**
 * A node of the org tree. An inactive unit stays known (old cases still name it) but takes no new cases.
 *
 * @param parent the parent unit, or null for the root
 */
public record OrgUnit(UnitId id, String name, OrgUnitKind kind, UnitId parent, boolean active) {
    public OrgUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
