package org.weimin.events.access;

import java.util.Objects;
import java.util.Set;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;

/**
 * What scope is judged on: the units a case names now and in its past, and its first-contact officer (rules.md
 * "Custody"). Built by the {@code Case} aggregate from its own events for commands, and from the case document for
 * reads.
 *
 * @param holder              the unit holding the case now (or awaiting its acceptance)
 * @param completingUnit      the unit of the last completion, or null before any
 * @param custodians          every unit that received or ever held the case (the receiving window too), incl. holder
 * @param firstContactOfficer the staff member who received it (首问责任人), or null (imported cases)
 */
public record CaseCustody(UnitId holder, UnitId completingUnit, Set<UnitId> custodians, StaffId firstContactOfficer) {
    public CaseCustody {
        Objects.requireNonNull(holder, "holder");
        custodians = Set.copyOf(custodians);
    }

    /** The completing unit, or the holder before any completion. */
    public UnitId completingOrHolder() {
        return completingUnit != null ? completingUnit : holder;
    }
}
