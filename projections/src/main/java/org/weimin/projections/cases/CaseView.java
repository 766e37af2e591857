package org.weimin.projections.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.weimin.events.cases.CaseStatus;

/**
 * The case document: one per case in collection {@code cases}, shared by the staff view, the public view (and later
 * the trail), so that each event costs one write. Fetched by key only: {@code _id} (case id) or the unique
 * {@code trackingNumber}. Personal data is held masked; the applicant's own text (subject, description, comment) is
 * held for staff, who need to read it.
 *
 * <p>{@link #lastSequence()} is the sequence number of the last event applied: handlers skip events at or below it,
 * which makes the projection idempotent and replay-safe per case.
 */
@Document(collection = CaseView.COLLECTION)
public class CaseView {
    public static final String COLLECTION = "cases";

    @Id
    String caseId;
    String trackingNumber;
    long lastSequence;
    CaseStatus status;
    String serviceItem;
    String channel;
    String window;
    String holder;
    String firstContactOfficer;
    Instant receivedAt;
    Instant recordedAt;
    int limitWorkingDays;
    Instant deadline;
    boolean deadlineProvisional;
    String calendarRevision;
    String verificationCodeHash;
    String applicantKey;
    String applicantNameMasked;
    String applicantIdType;
    String applicantIdNumberMasked;
    String applicantPhoneMasked;
    String applicantAddressMasked;
    String subject;
    String description;
    int completions;
    String result;
    String resultText;
    String completingUnit;
    Boolean onTime;
    Instant completedAt;
    String grade;
    String evaluationComment;
    Instant evaluatedAt;
    List<CaseStep> steps = new ArrayList<>();
    Instant updatedAt;
    boolean awaitingAcceptance;
    String forwardedFrom;
    Instant returnWindowClosesAt;
    boolean paused;
    Integer remainingWorkingDays;
    int round = 1;
    List<CaseRecords.CustodyChange> custody = new ArrayList<>();
    List<CaseRecords.Notice> notices = new ArrayList<>();
    List<CaseRecords.Supplement> supplements = new ArrayList<>();
    List<CaseRecords.Notification> notifications = new ArrayList<>();
    List<CaseRecords.Completion> completionHistory = new ArrayList<>();
    List<CaseRecords.Extension> extensions = new ArrayList<>();
    List<CaseRecords.Alert> alerts = new ArrayList<>();
    boolean warned;
    boolean overdue;
    List<CaseRecords.SupervisionOrder> supervisionOrders = new ArrayList<>();
    List<CaseRecords.SupervisionAct> supervisionActs = new ArrayList<>();
    List<CaseRecords.Rectification> rectifications = new ArrayList<>();
    List<CaseRecords.PersonalDataView> personalDataViews = new ArrayList<>();
    CaseRecords.Erasure erasure;

    /** Every instance field, for {@link #copy()}. */
    private static final java.lang.reflect.Field[] FIELDS = java.util.Arrays.stream(CaseView.class.getDeclaredFields())
            .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).toArray(java.lang.reflect.Field[]::new);

    /**
     * A copy for a handler to change: every field, each list a new list (their elements are immutable records, and
     * lists inside records are never changed in place), so that changing the copy never changes this document. Field
     * by field, so that a field added later is copied too ({@code CaseViewCopyTest}).
     */
    CaseView copy() {
        CaseView copy = new CaseView();
        try {
            for (java.lang.reflect.Field field : FIELDS) {
                Object value = field.get(this);
                field.set(copy, value instanceof List<?> list ? new ArrayList<>(list) : value);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    public String caseId() { return caseId; }
    public String trackingNumber() { return trackingNumber; }
    public long lastSequence() { return lastSequence; }
    public CaseStatus status() { return status; }
    public String serviceItem() { return serviceItem; }
    public String channel() { return channel; }
    public String window() { return window; }
    /** The org unit holding the case now. */
    public String holder() { return holder; }
    public String firstContactOfficer() { return firstContactOfficer; }
    public Instant receivedAt() { return receivedAt; }
    public Instant recordedAt() { return recordedAt; }
    public int limitWorkingDays() { return limitWorkingDays; }
    /** The committed deadline in force. */
    public Instant deadline() { return deadline; }
    public boolean deadlineProvisional() { return deadlineProvisional; }
    public String calendarRevision() { return calendarRevision; }
    /** Keyed hash of the verification code; never shown. */
    public String verificationCodeHash() { return verificationCodeHash; }
    public String applicantKey() { return applicantKey; }
    public String applicantNameMasked() { return applicantNameMasked; }
    public String applicantIdType() { return applicantIdType; }
    public String applicantIdNumberMasked() { return applicantIdNumberMasked; }
    public String applicantPhoneMasked() { return applicantPhoneMasked; }
    public String applicantAddressMasked() { return applicantAddressMasked; }
    public String subject() { return subject; }
    public String description() { return description; }
    public int completions() { return completions; }
    public String result() { return result; }
    public String resultText() { return resultText; }
    public String completingUnit() { return completingUnit; }
    public Boolean onTime() { return onTime; }
    public Instant completedAt() { return completedAt; }
    public String grade() { return grade; }
    public String evaluationComment() { return evaluationComment; }
    public Instant evaluatedAt() { return evaluatedAt; }
    public List<CaseStep> steps() { return List.copyOf(steps); }
    public Instant updatedAt() { return updatedAt; }
    /** Forwarded and neither accepted nor returned yet. */
    public boolean awaitingAcceptance() { return awaitingAcceptance; }
    public String forwardedFrom() { return forwardedFrom; }
    public Instant returnWindowClosesAt() { return returnWindowClosesAt; }
    /** The clock is paused by a missing-materials notice; {@link #remainingWorkingDays()} shows the budget left. */
    public boolean paused() { return paused; }
    public Integer remainingWorkingDays() { return remainingWorkingDays; }
    /** 1 for the original handling, 2 after the first reopen, ... */
    public int round() { return round; }
    public List<CaseRecords.CustodyChange> custody() { return List.copyOf(custody); }
    public List<CaseRecords.Notice> notices() { return List.copyOf(notices); }
    public List<CaseRecords.Supplement> supplements() { return List.copyOf(supplements); }
    public List<CaseRecords.Notification> notifications() { return List.copyOf(notifications); }
    public List<CaseRecords.Completion> completionHistory() { return List.copyOf(completionHistory); }
    public List<CaseRecords.Extension> extensions() { return List.copyOf(extensions); }
    /** Warnings, overdue findings and escalations, in order. */
    public List<CaseRecords.Alert> alerts() { return List.copyOf(alerts); }
    public List<CaseRecords.SupervisionOrder> supervisionOrders() { return List.copyOf(supervisionOrders); }
    /** Urges and accountability findings. */
    public List<CaseRecords.SupervisionAct> supervisionActs() { return List.copyOf(supervisionActs); }
    public List<CaseRecords.Rectification> rectifications() { return List.copyOf(rectifications); }
    /** Yellow: the warning for the deadline in force was given. */
    public boolean warned() { return warned; }
    /** Red: the deadline in force passed while the case was open. */
    public boolean overdue() { return overdue; }
    /** Every recorded unmasked view of the applicant's personal data, in order (issue 7). */
    public List<CaseRecords.PersonalDataView> personalDataViews() {
        return personalDataViews == null ? List.of() : List.copyOf(personalDataViews);
    }
    /** The erasure of the applicant's personal data, or null (issue 7). */
    public CaseRecords.Erasure erasure() { return erasure; }
}
