package org.weimin.events.cases;

/**
 * On what ground a staff member saw a case's personal data unmasked (rules.md "Personal data": unmasked values only
 * for auditors, and for the holding unit's staff with a stated reason).
 */
public enum PersonalDataAccess {
    /** An auditor: may see any case's personal data, each view recorded. */
    AUDITOR,
    /** A staff member of the unit that held the case at the moment of the view. */
    HOLDING_UNIT
}
