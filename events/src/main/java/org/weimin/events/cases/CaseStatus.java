package org.weimin.events.cases;

/** Where a case stands, as staff and the public see it. */
public enum CaseStatus {
    /** Received and being handled by its holder. */
    IN_PROGRESS,
    /** Completed with a result, not evaluated yet. */
    COMPLETED,
    /** Completed and evaluated by the applicant. */
    EVALUATED
}
