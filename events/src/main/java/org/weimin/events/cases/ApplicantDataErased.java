package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.privacy.ApplicantKeyId;

/**
 * An administrator erased the applicant's personal data by destroying their data key (crypto-shredding, issue 7).
 * Recorded on every case of the applicant (rules.md "Identifiers": the applicant is the normalised ID document number
 * where one is given, else the case itself), in the transaction that destroys the key; the earlier events stay as
 * they were, so everything sealed under the key can no longer be opened. Read models react by showing the personal
 * data as erased.
 *
 * @param applicantKeyId the data key destroyed (a keyed hash or the case id: nothing personal)
 * @param basis          the legal basis or request given by the administrator, checked to contain no personal data
 */
@Revision("1")
public record ApplicantDataErased(
        CaseId caseId,
        ApplicantKeyId applicantKeyId,
        String basis,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
