package org.weimin.projections.cases;

import java.time.Clock;
import java.util.function.Consumer;
import org.weimin.events.CaseId;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import java.time.Instant;
import java.util.List;
import org.weimin.events.cases.AccountabilityFindingRecorded;
import org.weimin.events.cases.ApplicantDataErased;
import org.weimin.events.cases.PersonalDataViewed;
import org.weimin.events.cases.CaseBecameOverdue;
import org.weimin.events.cases.CaseRegraded;
import org.weimin.events.cases.CaseUrged;
import org.weimin.events.cases.RectificationOpened;
import org.weimin.events.cases.RectificationOverdue;
import org.weimin.events.cases.RectificationProgressed;
import org.weimin.events.cases.SupervisionOrderAnswered;
import org.weimin.events.cases.SupervisionOrderIssued;
import org.weimin.events.cases.SupervisionOrderOverdue;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.CaseWarned;
import org.weimin.events.cases.DeadlineRevised;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;
import org.weimin.events.cases.ApplicantNotifiedOfProgress;
import org.weimin.events.cases.ApplicantNotifiedOfResult;
import org.weimin.events.cases.CaseAccepted;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvent;
import org.weimin.events.cases.CaseForwarded;
import org.weimin.events.cases.CaseReopened;
import org.weimin.events.cases.CaseReturned;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.OneTimeNoticeBreachJustified;
import org.weimin.events.cases.OneTimeNoticeBreached;
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
 * after an erasure it shows as {@value #ERASED}: the erasure's event overwrites every personal field, and a replay
 * after it finds the key gone (opening gives empty, never an error), so rebuilds show it erased too.
 */
@Component
@ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
public class CaseViewProjection {
    public static final String PROCESSING_GROUP = "case-view";
    /** Shown where personal data can no longer be opened because its key was erased. */
    public static final String ERASED = "(erased)";

    private final CaseViewStore views;
    private final PersonalDataVault vault;
    private final Clock clock;

    public CaseViewProjection(CaseViewStore views, PersonalDataVault vault, Clock clock) {
        this.views = views;
        this.vault = vault;
        this.clock = clock;
    }

    /**
     * Before a replay of the group (an administrator's rebuild): every case document goes, so that the replay writes
     * each one afresh from its events instead of skipping them as already applied.
     */
    @ResetHandler
    void onReset() {
        views.clear();
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
        view.warned = false;
        view.overdue = false;
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
        update(event.caseId(), sequence, view -> {
            view.status = CaseStatus.COMPLETED;
            view.paused = false;
            view.remainingWorkingDays = null;
            view.awaitingAcceptance = false;
            view.completionHistory.add(new CaseRecords.Completion(event.completion(), event.result().name(),
                    event.resultText(), event.completingUnit().value(), event.onTime(), event.occurredAt(),
                    event.actor().id()));
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
        });
    }

    @EventHandler
    void on(CaseEvaluated event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.status = CaseStatus.EVALUATED;
            view.grade = event.grade().name();
            view.evaluationComment = open(event.comment(), Function.identity());
            view.evaluatedAt = event.occurredAt();
            view.steps.add(new CaseStep(sequence, "EVALUATED", event.occurredAt(), event.recordedAt(), null,
                    event.actor().kind().name(), null, event.grade().name()));
        });
    }

    @EventHandler
    void on(CaseForwarded event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.holder = event.toUnit().value();
            view.forwardedFrom = event.fromUnit().value();
            view.awaitingAcceptance = true;
            view.returnWindowClosesAt = event.returnWindowClosesAt();
            view.custody.add(new CaseRecords.CustodyChange(sequence, "FORWARDED", event.fromUnit().value(),
                    event.toUnit().value(), event.reason(), event.occurredAt(), event.actor().id(),
                    event.returnWindowClosesAt()));
            step(view, sequence, "FORWARDED", event, event.toUnit().value(), null);
        });
    }

    @EventHandler
    void on(CaseAccepted event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.awaitingAcceptance = false;
            view.custody.add(new CaseRecords.CustodyChange(sequence, "ACCEPTED", view.forwardedFrom,
                    event.unit().value(), null, event.occurredAt(), event.actor().id(), null));
            step(view, sequence, "ACCEPTED", event, event.unit().value(), null);
        });
    }

    @EventHandler
    void on(CaseReturned event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.holder = event.toUnit().value();
            view.awaitingAcceptance = false;
            view.returnWindowClosesAt = null;
            view.custody.add(new CaseRecords.CustodyChange(sequence, "RETURNED", event.fromUnit().value(),
                    event.toUnit().value(), event.reason(), event.occurredAt(), event.actor().id(), null));
            step(view, sequence, "RETURNED", event, event.toUnit().value(), null);
        });
    }

    @EventHandler
    void on(MissingMaterialsNotified event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.paused = true;
            view.remainingWorkingDays = event.remainingWorkingDays();
            view.notices.add(new CaseRecords.Notice(event.noticeNumber(), event.items(), event.channel().name(),
                    event.occurredAt(), event.actor().id(), event.usedWorkingDays(), event.remainingWorkingDays(),
                    List.of(), null, null, null));
            step(view, sequence, "NOTICE_SENT", event, view.holder, String.valueOf(event.items().size()));
        });
    }

    @EventHandler
    void on(OneTimeNoticeBreached event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.notices.replaceAll(n -> n.number() == event.noticeNumber()
                    ? n.withBreach(event.unlistedItems(), event.responsibleStaff() == null ? null
                            : event.responsibleStaff().value())
                    : n);
        });
    }

    @EventHandler
    void on(OneTimeNoticeBreachJustified event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.notices.replaceAll(n -> n.number() == event.noticeNumber()
                    ? n.justified(event.reason(), event.actor().id()) : n);
        });
    }

    @EventHandler
    void on(MaterialsSupplemented event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.paused = false;
            view.remainingWorkingDays = null;
            boolean moved = !event.deadline().dueAt().equals(view.deadline);
            view.warned = view.warned && !moved;
            view.overdue = view.overdue && !moved;
            view.deadline = event.deadline().dueAt();
            view.deadlineProvisional = event.deadline().provisional();
            view.calendarRevision = event.deadline().calendarRevision();
            view.supplements.add(new CaseRecords.Supplement(event.items(), event.occurredAt(), event.actor().id(),
                    event.deadline().dueAt(), event.deadline().provisional(), event.remainingWorkingDays()));
            step(view, sequence, "SUPPLEMENTED", event, view.holder, null);
        });
    }

    @EventHandler
    void on(ApplicantNotifiedOfProgress event, @SequenceNumber long sequence) {
        notification(sequence, "PROGRESS", event.channel().name(), event.text(), event);
    }

    @EventHandler
    void on(ApplicantNotifiedOfResult event, @SequenceNumber long sequence) {
        notification(sequence, "RESULT", event.channel().name(), event.text(), event);
    }

    @EventHandler
    void on(CaseReopened event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.status = CaseStatus.IN_PROGRESS;
            view.round = event.round();
            view.holder = event.toUnit().value();
            view.awaitingAcceptance = false;
            view.paused = false;
            view.remainingWorkingDays = null;
            view.limitWorkingDays = event.limitWorkingDays();
            view.warned = false;
            view.overdue = false;
            view.deadline = event.deadline().dueAt();
            view.deadlineProvisional = event.deadline().provisional();
            view.calendarRevision = event.deadline().calendarRevision();
            view.custody.add(new CaseRecords.CustodyChange(sequence, "REOPENED", view.completingUnit,
                    event.toUnit().value(), event.reason(), event.occurredAt(), event.actor().id(), null));
            step(view, sequence, "REOPENED", event, event.toUnit().value(), null);
        });
    }

    @EventHandler
    void on(CaseWarned event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.warned = true;
            view.alerts.add(new CaseRecords.Alert("WARNED", event.dueAt(), event.holder().value(), null,
                    event.occurredAt()));
        });
    }

    @EventHandler
    void on(CaseBecameOverdue event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.overdue = true;
            view.alerts.add(new CaseRecords.Alert("OVERDUE", event.dueAt(), event.holder().value(), null,
                    event.occurredAt()));
        });
    }

    @EventHandler
    void on(CaseEscalated event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.alerts.add(new CaseRecords.Alert("ESCALATED", null, event.holder().value(), event.toUnit().value(),
                    event.occurredAt()));
        });
    }

    @EventHandler
    void on(CaseDeemedAccepted event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.awaitingAcceptance = false;
            view.custody.add(new CaseRecords.CustodyChange(sequence, "DEEMED_ACCEPTED", view.forwardedFrom,
                    event.unit().value(), null, event.occurredAt(), event.actor().id(), event.returnWindowClosedAt()));
            step(view, sequence, "DEEMED_ACCEPTED", event, event.unit().value(), null);
        });
    }

    @EventHandler
    void on(ExtensionRequested event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.extensions.add(new CaseRecords.Extension(event.requestNumber(), event.workingDays(), event.reason(),
                    event.actor().id(), event.occurredAt(), "PENDING", null, null, null, null));
        });
    }

    @EventHandler
    void on(ExtensionApproved event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            Instant newDeadline = event.deadline() == null ? null : event.deadline().dueAt();
            view.extensions.replaceAll(x -> x.number() == event.requestNumber()
                    ? x.decided("APPROVED", event.actor().id(), event.occurredAt(), null, newDeadline) : x);
            if (event.deadline() != null) {
                view.deadline = event.deadline().dueAt();
                view.deadlineProvisional = event.deadline().provisional();
                view.calendarRevision = event.deadline().calendarRevision();
                view.warned = false;
                view.overdue = false;
            } else {
                view.remainingWorkingDays = event.remainingWorkingDays();
            }
            step(view, sequence, "EXTENDED", event, view.holder, String.valueOf(event.workingDays()));
        });
    }

    @EventHandler
    void on(ExtensionRefused event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.extensions.replaceAll(x -> x.number() == event.requestNumber()
                    ? x.decided("REFUSED", event.actor().id(), event.occurredAt(), event.reason(), null) : x);
        });
    }

    @EventHandler
    void on(SupervisionOrderIssued event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.supervisionOrders.add(new CaseRecords.SupervisionOrder(event.orderNumber(), event.text(), event.dueAt(),
                    event.toUnit().value(), event.actor().id(), event.occurredAt(), "OPEN", null, null, null));
        });
    }

    @EventHandler
    void on(SupervisionOrderAnswered event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.supervisionOrders.replaceAll(o -> o.number() == event.orderNumber()
                    ? o.answered(event.text(), event.actor().id(), event.occurredAt()) : o);
        });
    }

    @EventHandler
    void on(SupervisionOrderOverdue event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.supervisionOrders.replaceAll(o -> o.number() == event.orderNumber() ? o.overdue() : o);
        });
    }

    @EventHandler
    void on(CaseUrged event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.supervisionActs.add(new CaseRecords.SupervisionAct("URGED", event.text(), event.toUnit().value(), null,
                    event.actor().id(), event.occurredAt()));
        });
    }

    @EventHandler
    void on(AccountabilityFindingRecorded event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.supervisionActs.add(new CaseRecords.SupervisionAct("FINDING", event.reason(),
                    event.againstUnit().value(), event.againstStaff() == null ? null : event.againstStaff().value(),
                    event.actor().id(), event.occurredAt()));
        });
    }

    @EventHandler
    void on(RectificationOpened event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.rectifications.add(new CaseRecords.Rectification(event.completion(), event.grade().name(),
                    event.responsibleUnit().value(), event.deadline().dueAt(), List.of(), false, null));
        });
    }

    @EventHandler
    void on(RectificationProgressed event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            if (!view.rectifications.isEmpty()) {
                int last = view.rectifications.size() - 1;
                view.rectifications.set(last, view.rectifications.get(last).step(event.step(), event.text()));
            }
            step(view, sequence, "RECTIFICATION_" + event.step(), event, event.unit().value(), null);
        });
    }

    @EventHandler
    void on(RectificationOverdue event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            if (!view.rectifications.isEmpty()) {
                int last = view.rectifications.size() - 1;
                view.rectifications.set(last, view.rectifications.get(last).overdueNow());
            }
        });
    }

    @EventHandler
    void on(CaseRegraded event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.grade = event.grade().name();
            view.evaluationComment = open(event.comment(), Function.identity());
            view.evaluatedAt = event.occurredAt();
            if (!view.rectifications.isEmpty()) {
                int last = view.rectifications.size() - 1;
                view.rectifications.set(last, view.rectifications.get(last).regraded(event.grade().name()));
            }
            // Like the evaluation step: the applicant's grade as detail (hidden from the public), no actor id.
            view.steps.add(new CaseStep(sequence, "REGRADED", event.occurredAt(), event.recordedAt(), null,
                    event.actor().kind().name(), null, event.grade().name()));
        });
    }

    @EventHandler
    void on(DeadlineRevised event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            boolean moved = !event.deadline().dueAt().equals(view.deadline);
            view.deadline = event.deadline().dueAt();
            view.deadlineProvisional = event.deadline().provisional();
            view.calendarRevision = event.deadline().calendarRevision();
            // Firming up a deadline without moving it keeps its warning and overdue (they are not repeated).
            view.warned = view.warned && !moved;
            view.overdue = view.overdue && !moved;
            step(view, sequence, "DEADLINE_REVISED", event, view.holder, null);
        });
    }

    /** An unmasked view: recorded for the trail (who, when, why), never the values; no public step. */
    @EventHandler
    void on(PersonalDataViewed event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            if (view.personalDataViews == null) {
                view.personalDataViews = new java.util.ArrayList<>();
            }
            view.personalDataViews.add(new CaseRecords.PersonalDataView(sequence, event.actor().id(),
                    event.viewerUnit().value(), event.access().name(), event.holder().value(), event.reason(),
                    event.occurredAt(), event.recordedAt()));
        });
    }

    /**
     * The applicant's data was erased: every personal field that held something shows {@value #ERASED} (the key is
     * gone with this event's transaction, so nothing could be opened again anyway).
     */
    @EventHandler
    void on(ApplicantDataErased event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, view -> {
            view.erasure = new CaseRecords.Erasure(sequence, event.actor().id(), event.basis(), event.occurredAt(),
                    event.recordedAt());
            view.applicantNameMasked = ERASED;
            view.applicantIdType = null; // it came from the sealed document, which a replay can no longer open
            view.applicantIdNumberMasked = erased(view.applicantIdNumberMasked);
            view.applicantPhoneMasked = erased(view.applicantPhoneMasked);
            view.applicantAddressMasked = erased(view.applicantAddressMasked);
            view.subject = ERASED;
            view.description = erased(view.description);
            view.evaluationComment = erased(view.evaluationComment);
        });
    }

    private static String erased(String value) {
        return value == null ? null : ERASED;
    }

    private void notification(long sequence, String kind, String channel, String text, CaseEvent event) {
        update(event.caseId(), sequence, view -> {
            view.notifications.add(new CaseRecords.Notification(kind, channel, text, event.occurredAt(),
                    event.actor().id()));
            step(view, sequence, kind + "_NOTIFIED", event, view.holder, channel);
        });
    }

    private static void step(CaseView view, long sequence, String kind, CaseEvent event, String unit, String detail) {
        view.steps.add(new CaseStep(sequence, kind, event.occurredAt(), event.recordedAt(), unit,
                event.actor().kind().name(), event.actor().id(), detail));
        if (view.status != CaseStatus.COMPLETED && view.status != CaseStatus.EVALUATED) {
            view.status = view.awaitingAcceptance ? CaseStatus.AWAITING_ACCEPTANCE
                    : view.paused ? CaseStatus.PAUSED : CaseStatus.IN_PROGRESS;
        }
    }

    /** Applies a change to the case's document when the event is new to it, then saves it: one read, one write. */
    private void update(CaseId caseId, long sequence, Consumer<CaseView> change) {
        CaseView view = fresh(caseId.value(), sequence);
        if (view != null) {
            change.accept(view);
            finish(view, sequence);
        }
    }

    /** The document when this event is new to it; null when already applied. */
    private CaseView fresh(String caseId, long sequence) {
        CaseView view = views.byId(CaseId.of(caseId))
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
