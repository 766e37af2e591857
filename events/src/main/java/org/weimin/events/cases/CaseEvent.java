package org.weimin.events.cases;

import java.time.Instant;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;

/**
 * Every event of a case's life. Each names its actor and carries both business time ({@link #occurredAt()}, when it
 * happened; only the importer may set it in the past) and recording time ({@link #recordedAt()}, when the system
 * recorded it) — rules.md "Actors and time". The interface is sealed so that tests can list every event type (each
 * must have a golden JSON file).
 */
public sealed interface CaseEvent permits CaseReceived, CaseForwarded, CaseAccepted, CaseReturned,
        MissingMaterialsNotified, OneTimeNoticeBreached, OneTimeNoticeBreachJustified, MaterialsSupplemented,
        ApplicantNotifiedOfProgress, ApplicantNotifiedOfResult, CaseCompleted, CaseEvaluated, CaseReopened,
        CaseWarned, CaseBecameOverdue, CaseEscalated, CaseDeemedAccepted, ExtensionRequested, ExtensionApproved,
        ExtensionRefused, SupervisionOrderIssued, SupervisionOrderAnswered, SupervisionOrderOverdue, CaseUrged,
        AccountabilityFindingRecorded, RectificationOpened, RectificationProgressed, RectificationOverdue,
        CaseRegraded, DeadlineRevised, PersonalDataViewed, ApplicantDataErased {
    CaseId caseId();

    Actor actor();

    Instant occurredAt();

    Instant recordedAt();
}
