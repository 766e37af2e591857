package org.weimin.command.cases;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.CaseId;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.SealedApplicant;

/** Commands on a case's personal data (issue 7: unmasked views and erasure) and what their handlers answer. */
public final class PersonalDataCommands {
    private PersonalDataCommands() {
    }

    /**
     * Record that a staff member sees the applicant's personal data unmasked. Allowed to auditors, and to staff of the
     * unit holding the case now (checked against the aggregate's state, never a read model).
     *
     * @param auditor whether the viewer holds the auditor role
     * @param reason  the stated reason, already checked for personal-data patterns
     */
    public record RecordPersonalDataView(@TargetAggregateIdentifier CaseId caseId, String reason, boolean auditor,
                                         StaffAct by) {
    }

    /**
     * The view was recorded (sequence of its event); the sealed applicant is for the caller to open, and to hand out
     * only after the event is committed.
     */
    public record PersonalDataViewGranted(long sequence, SealedApplicant applicant) {
    }

    /**
     * Record the erasure of the case's applicant data (the data key named must be the case's own). Idempotent: on a
     * case that already records it, nothing is appended.
     */
    public record EraseApplicantData(@TargetAggregateIdentifier CaseId caseId, ApplicantKeyId applicantKeyId,
                                     String basis, StaffAct by) {
    }

    /**
     * @param sequence the case's last sequence after the command
     * @param recorded true when this command appended the erasure; false when the case recorded it before
     */
    public record ErasureRecorded(long sequence, boolean recorded) {
    }
}
