package org.weimin.projections.cases;

import java.time.Clock;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvaluated;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.privacy.Masking;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.Sealed;

/**
 * Builds the {@link CaseView} documents. One read and at most one write per event; events at or below the
 * document's {@code lastSequence} are skipped, so redelivery and replay change nothing (handlers are idempotent and
 * order-safe per case, since a processing group handles one case's events in order).
 *
 * <p>Personal data is opened through the {@link PersonalDataVault} and stored masked (rules.md "Personal data");
 * after an erasure it shows as {@value #ERASED}.
 */
@Component
@ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
public class CaseViewProjection {
    public static final String PROCESSING_GROUP = "case-view";
    /** Shown where personal data can no longer be opened because its key was erased. */
    public static final String ERASED = "(erased)";

    private final CaseViews views;
    private final PersonalDataVault vault;
    private final Clock clock;

    public CaseViewProjection(CaseViews views, PersonalDataVault vault, Clock clock) {
        this.views = views;
        this.vault = vault;
        this.clock = clock;
    }

    @EventHandler
    void on(CaseReceived event, @SequenceNumber long sequence) {
        if (views.byId(event.caseId()).isPresent()) {
            return;
        }
        CaseView view = new CaseView();
        view.caseId = event.caseId().value();
        view.trackingNumber = event.trackingNumber().value();
        view.status = CaseStatus.IN_PROGRESS;
        view.serviceItem = event.serviceItem().value();
        view.channel = event.channel().name();
        view.window = event.window().value();
        view.holder = event.holder().value();
        view.firstContactOfficer = event.firstContactOfficer().value();
        view.receivedAt = event.occurredAt();
        view.recordedAt = event.recordedAt();
        view.limitWorkingDays = event.limitWorkingDays();
        view.deadline = event.deadline().dueAt();
        view.deadlineProvisional = event.deadline().provisional();
        view.calendarRevision = event.deadline().calendarRevision();
        view.verificationCodeHash = event.verificationCodeHash();
        var applicant = event.applicant();
        view.applicantKey = applicant.key().value();
        view.applicantNameMasked = open(applicant.name(), Masking::name);
        String idDocument = open(applicant.idDocument(), Function.identity());
        if (idDocument != null && idDocument.contains(":")) {
            view.applicantIdType = idDocument.substring(0, idDocument.indexOf(':'));
            view.applicantIdNumberMasked = Masking.idNumber(idDocument.substring(idDocument.indexOf(':') + 1));
        } else {
            view.applicantIdNumberMasked = idDocument; // null, or ERASED
        }
        view.applicantPhoneMasked = open(applicant.phone(), Masking::phone);
        view.applicantAddressMasked = open(applicant.address(), Masking::address);
        view.subject = open(event.subject(), Function.identity());
        view.description = open(event.description(), Function.identity());
        view.steps.add(new CaseStep(sequence, "RECEIVED", event.occurredAt(), event.recordedAt(),
                event.window().value(), event.actor().kind().name(), event.actor().id(), event.channel().name()));
        finish(view, sequence);
    }

    @EventHandler
    void on(CaseCompleted event, @SequenceNumber long sequence) {
        CaseView view = fresh(event.caseId().value(), sequence);
        if (view == null) {
            return;
        }
        view.status = CaseStatus.COMPLETED;
        view.completions = event.completion();
        view.result = event.result().name();
        view.resultText = event.resultText();
        view.completingUnit = event.completingUnit().value();
        view.onTime = event.onTime();
        view.completedAt = event.occurredAt();
        view.grade = null;
        view.evaluationComment = null;
        view.evaluatedAt = null;
        view.steps.add(new CaseStep(sequence, "COMPLETED", event.occurredAt(), event.recordedAt(),
                event.completingUnit().value(), event.actor().kind().name(), event.actor().id(),
                event.result().name()));
        finish(view, sequence);
    }

    @EventHandler
    void on(CaseEvaluated event, @SequenceNumber long sequence) {
        CaseView view = fresh(event.caseId().value(), sequence);
        if (view == null) {
            return;
        }
        view.status = CaseStatus.EVALUATED;
        view.grade = event.grade().name();
        view.evaluationComment = open(event.comment(), Function.identity());
        view.evaluatedAt = event.occurredAt();
        view.steps.add(new CaseStep(sequence, "EVALUATED", event.occurredAt(), event.recordedAt(), null,
                event.actor().kind().name(), null, event.grade().name()));
        finish(view, sequence);
    }

    /** The document when this event is new to it; null when already applied. */
    private CaseView fresh(String caseId, long sequence) {
        CaseView view = views.byId(org.weimin.events.CaseId.of(caseId))
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no view before event " + sequence));
        return sequence <= view.lastSequence ? null : view;
    }

    private void finish(CaseView view, long sequence) {
        view.lastSequence = sequence;
        view.updatedAt = clock.instant();
        views.save(view);
    }

    private String open(Sealed sealed, Function<String, String> then) {
        if (sealed == null) {
            return null;
        }
        return vault.open(sealed).map(then).orElse(ERASED);
    }
}
