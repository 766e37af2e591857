package org.weimin.projections.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.Grade;
import org.weimin.events.org.OrgTree;
import org.weimin.events.privacy.FreeTextMasking;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.cases.CaseRecords;
import org.weimin.projections.cases.CaseStep;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViewProjection;

/**
 * Turns a folded case document into its {@link CaseSearchDocument}: pure, given the org tree (for unit paths), the
 * working calendar (working days to completion, net and gross: rules.md "Figures") and the keyed hasher (the name
 * hash). Free text is masked here (rules.md "Personal data"), with the applicant's name in clear passed in only for
 * masking and hashing; it is not kept.
 */
public final class CaseSearchDocuments {
    private final OrgTree orgTree;
    private final WorkingCalendar calendar;
    private final KeyedHasher hasher;

    public CaseSearchDocuments(OrgTree orgTree, WorkingCalendar calendar, KeyedHasher hasher) {
        this.orgTree = orgTree;
        this.calendar = calendar;
        this.hasher = hasher;
    }

    /**
     * The same documents, with unit paths taken from {@code tree} instead of the live tree: a re-filing after an org
     * unit moved uses the tree as it stood right after the move's event ({@link OrgUnitMoves}).
     */
    public CaseSearchDocuments withTree(OrgTree tree) {
        return new CaseSearchDocuments(tree, calendar, hasher);
    }

    /**
     * @param view          the case as folded from all its events
     * @param applicantName the applicant's name in clear, or null when there is none or it was erased
     * @param now           the indexing time, recorded as {@code updatedAt}
     */
    public CaseSearchDocument from(CaseView view, String applicantName, Instant now) {
        List<String> names = applicantName == null ? List.of() : List.of(applicantName);
        String subject = FreeTextMasking.mask(view.subject(), names);
        String description = FreeTextMasking.mask(view.description(), names);
        List<String> noticeTexts = new ArrayList<>();
        List<String> resultTexts = new ArrayList<>();
        if (!erased(view)) {
            for (CaseRecords.Notice notice : view.notices()) {
                notice.items().forEach(item -> noticeTexts.add(FreeTextMasking.mask(item.text(), names)));
            }
            for (CaseRecords.Notification n : view.notifications()) {
                (n.kind().equals("RESULT") ? resultTexts : noticeTexts).add(FreeTextMasking.mask(n.text(), names));
            }
            view.completionHistory().forEach(c -> resultTexts.add(FreeTextMasking.mask(c.resultText(), names)));
        }
        noticeTexts.removeIf(t -> t == null || t.isBlank());
        resultTexts.removeIf(t -> t == null || t.isBlank());

        Set<String> involved = new LinkedHashSet<>(path(view.window()));
        involved.addAll(path(view.holder()));
        for (CaseRecords.CustodyChange change : view.custody()) {
            involved.addAll(path(change.fromUnit()));
            involved.addAll(path(change.toUnit()));
        }
        CaseRecords.Completion last = view.completionHistory().isEmpty() ? null
                : view.completionHistory().get(view.completionHistory().size() - 1);
        boolean completed = view.status() == CaseStatus.COMPLETED || view.status() == CaseStatus.EVALUATED;
        Integer gross = null;
        Integer net = null;
        if (completed && last != null && view.receivedAt() != null) {
            gross = calendar.countWorkingDays(view.receivedAt(), last.completedAt());
            net = Math.max(0, gross - pausedWorkingDays(view.steps(), last.completedAt()));
        }
        CaseRecords.Alert firstOverdue = view.alerts().stream().filter(a -> a.kind().equals("OVERDUE")).findFirst()
                .orElse(null);
        Grade grade = view.grade() == null ? null : Grade.valueOf(view.grade());
        int breaches = (int) view.notices().stream().filter(CaseRecords.Notice::breach).count();
        int unjustified = (int) view.notices().stream().filter(n -> n.breach() && n.justification() == null).count();
        int rectified = (int) view.rectifications().stream()
                .filter(r -> r.steps().stream().anyMatch(s -> s.startsWith("RECTIFIED"))).count();
        return new CaseSearchDocument(
                view.caseId(),
                view.trackingNumber(),
                view.lastSequence(),
                view.status().name(),
                !completed,
                view.serviceItem(),
                view.channel(),
                view.window(),
                path(view.window()),
                view.firstContactOfficer(),
                view.holder(),
                path(view.holder()),
                List.copyOf(involved),
                view.awaitingAcceptance(),
                iso(view.receivedAt()),
                iso(view.deadline()),
                view.deadlineProvisional(),
                view.warned(),
                view.overdue(),
                view.paused(),
                firstOverdue == null ? null : iso(firstOverdue.occurredAt()),
                firstOverdue == null ? null : firstOverdue.holder(),
                firstOverdue == null ? null : path(firstOverdue.holder()),
                completed && last != null ? iso(last.completedAt()) : null,
                completed && last != null ? last.unit() : null,
                completed && last != null ? path(last.unit()) : null,
                completed && last != null ? last.actorId() : null,
                completed && last != null ? last.result() : null,
                completed && last != null ? last.onTime() : null,
                net,
                gross,
                view.grade(),
                grade == null ? null : grade.isGood(),
                iso(view.evaluatedAt()),
                view.rectifications().size(),
                rectified,
                breaches,
                unjustified,
                view.notices().size(),
                view.supervisionOrders().size(),
                view.applicantNameMasked(),
                applicantName == null || applicantName.isBlank() ? null
                        : hasher.hash(KeyedHasher.APPLICANT_NAME, KeyedHasher.normaliseName(applicantName)),
                subject,
                description,
                noticeTexts,
                resultTexts,
                SearchText.chars(subject),
                SearchText.chars(description),
                noticeTexts.stream().map(SearchText::chars).toList(),
                resultTexts.stream().map(SearchText::chars).toList(),
                iso(now));
    }

    /**
     * Whether the applicant's data was erased (issue 7): then staff-written texts (notice items, what the applicant
     * was told, result texts) stay out of the index too, since they may name the applicant and the name is no longer
     * known to mask it; the name hash is gone with the name, and subject and description show the erased marker.
     */
    private static boolean erased(CaseView view) {
        return view.erasure() != null || CaseViewProjection.ERASED.equals(view.applicantNameMasked());
    }

    /** Working days paused (a notice's run to the supplement, or to the completion) before {@code until}. */
    private int pausedWorkingDays(List<CaseStep> steps, Instant until) {
        int paused = 0;
        Instant from = null;
        for (CaseStep step : steps) {
            if (step.occurredAt().isAfter(until)) {
                break;
            }
            if (step.kind().equals("NOTICE_SENT") && from == null) {
                from = step.occurredAt();
            } else if ((step.kind().equals("SUPPLEMENTED") || step.kind().equals("COMPLETED")) && from != null) {
                paused += calendar.countWorkingDays(from, step.occurredAt());
                from = null;
            } else if (step.kind().equals("REOPENED")) {
                from = null;
            }
        }
        return paused;
    }

    /** The unit and its ancestors, nearest first, as this instance's tree has them; empty for null. */
    List<String> path(String unit) {
        if (unit == null) {
            return List.of();
        }
        return orgTree.path(new UnitId(unit)).stream().map(UnitId::value).toList();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
