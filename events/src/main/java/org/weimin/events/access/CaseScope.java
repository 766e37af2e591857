package org.weimin.events.access;

/**
 * Which relation between the caller's unit and a case an {@link Action} needs (rules.md "Custody", issue 7). Scope
 * is judged against the case's own record: for commands by the {@code Case} aggregate before any other check, for
 * reads against the case document.
 */
public enum CaseScope {
    /** Not about one case (receive at an own window, a unit queue, search with its own unit filter, admin). */
    NONE,
    /** The caller's unit holds the case or awaits its acceptance (the forward's target holds it at once). */
    HOLDER,
    /** The unit that completed the case (before any completion: the holder). */
    COMPLETING_UNIT,
    /** A supervisor (or unit head where allowed) of the holder's unit or a unit above it. */
    OVER_HOLDER,
    /** A supervisor of the completing unit or a unit above it (before any completion: of the holder). */
    OVER_COMPLETING_UNIT,
    /** A supervisor of a unit that received or ever held the case, or a unit above one. */
    OVER_CUSTODIAN,
    /**
     * Reading one case: staff of a unit that received, holds, held or completed it, or its first-contact officer;
     * supervisors over any of those units; auditors always.
     */
    READ_CASE
}
