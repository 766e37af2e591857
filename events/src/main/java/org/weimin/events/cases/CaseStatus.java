package org.weimin.events.cases;

/** Where a case stands, as staff and the public see it. */
public enum CaseStatus {
    /** Received and being handled by its holder. */
    IN_PROGRESS,
    /** Forwarded; the target unit has neither accepted nor returned it yet. */
    AWAITING_ACCEPTANCE,
    /** The clock is paused: the applicant was told what is missing and has not supplied it yet. */
    PAUSED,
    /** Completed with a result, not evaluated yet. */
    COMPLETED,
    /** Completed and evaluated by the applicant. */
    EVALUATED
}
