package org.weimin.query.trail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.projections.cases.CaseStep;
import org.weimin.projections.cases.CaseView;

/**
 * Builds a {@link CaseTrail} from the case document: pure, given the working calendar and "now" (for a case still
 * held). Custody stretches follow the custody changes (forward, return, reopen) and end at each completion; paused
 * stretches run from a missing-materials notice to the supplement or completion; a late day is a working day after
 * the deadline in force that was not paused, attributed to the unit holding the case at the end of it (the day of a
 * late completion counts for the completing unit).
 */
public final class TrailBuilder {
    private final WorkingCalendar calendar;
    private final Function<String, String> unitName;

    public TrailBuilder(WorkingCalendar calendar, Function<String, String> unitName) {
        this.calendar = calendar;
        this.unitName = unitName;
    }

    private record Stretch(String unit, Instant from, Instant until, boolean endedByCompletion) {
    }

    private record Interval(LocalDate from, LocalDate until) {
    }

    /** The trail of {@code view} as of {@code now}. */
    public CaseTrail build(CaseView view, Instant now) {
        List<CaseStep> steps = view.steps();
        List<Stretch> stretches = custodyStretches(view, steps);
        List<Interval> pauses = pauses(steps, now);
        Instant end = view.completedAt() != null && view.status().name().matches("COMPLETED|EVALUATED")
                ? view.completedAt() : now;
        LocalDate lastCountedDay = view.deadline() == null ? null : date(view.deadline()).minusDays(1);
        boolean late = view.deadline() != null && end.isAfter(view.deadline());

        List<CaseTrail.Custody> custody = new ArrayList<>();
        int lateTotal = 0;
        for (Stretch stretch : stretches) {
            LocalDate from = date(stretch.from());
            LocalDate until = stretch.until() == null ? date(now).plusDays(1) : date(stretch.until());
            int held = workingDays(from, until);
            int paused = pauses.stream().mapToInt(p -> overlap(from, until, p.from(), p.until())).sum();
            int lateDays = 0;
            if (late && lastCountedDay != null) {
                LocalDate lateFrom = max(from, lastCountedDay.plusDays(1));
                // A late completion's own day counts as late for the unit that completed it.
                LocalDate lateUntil = min(stretch.endedByCompletion() ? until.plusDays(1) : until,
                        date(end).plusDays(1));
                if (lateFrom.isBefore(lateUntil)) {
                    lateDays = workingDays(lateFrom, lateUntil) - pauses.stream()
                            .mapToInt(p -> overlap(lateFrom, lateUntil, p.from(), p.until())).sum();
                }
            }
            lateTotal += lateDays;
            LinkedHashSet<String> staff = new LinkedHashSet<>();
            List<String> actions = new ArrayList<>();
            for (CaseStep step : steps) {
                boolean inStretch = !step.occurredAt().isBefore(stretch.from())
                        && (stretch.until() == null || step.occurredAt().isBefore(stretch.until())
                        || step.occurredAt().equals(stretch.until()) && actedOnHandover(step));
                if (inStretch && "STAFF".equals(step.actorKind())) {
                    staff.add(step.actorId());
                    actions.add(step.kind());
                }
            }
            custody.add(new CaseTrail.Custody(stretch.unit(), unitName.apply(stretch.unit()), stretch.from(),
                    stretch.until(), held, paused, Math.max(lateDays, 0), List.copyOf(staff), actions));
        }
        return new CaseTrail(view.caseId(), view.trackingNumber(), view.firstContactOfficer(), view.receivedAt(),
                view.deadline(), view.status().name().matches("COMPLETED|EVALUATED") ? view.completedAt() : null,
                late, lateTotal, custody,
                steps.stream().map(s -> new CaseTrail.Step(s.sequence(), s.kind(), s.unit(), s.actorKind(),
                        s.actorId(), s.occurredAt(), s.recordedAt(), s.detail())).toList(),
                view.notices().stream().filter(n -> n.breach()).toList(), view.supervisionOrders(),
                view.supervisionActs(), view.extensions(), view.alerts(), view.personalDataViews(), view.erasure());
    }

    /** The step that ends a stretch (a forward, a completion) belongs to the unit that held it until then. */
    private static boolean actedOnHandover(CaseStep step) {
        return step.kind().equals("FORWARDED") || step.kind().equals("COMPLETED") || step.kind().equals("RETURNED");
    }

    private List<Stretch> custodyStretches(CaseView view, List<CaseStep> steps) {
        List<Stretch> stretches = new ArrayList<>();
        var changes = view.custody();
        String unit = changes.isEmpty() ? (view.completingUnit() != null ? view.completingUnit() : view.holder())
                : changes.get(0).fromUnit();
        Instant from = view.receivedAt();
        boolean held = true;
        for (CaseStep step : steps) {
            switch (step.kind()) {
                case "FORWARDED", "RETURNED" -> {
                    if (held && !step.unit().equals(unit)) {
                        stretches.add(new Stretch(unit, from, step.occurredAt(), false));
                        unit = step.unit();
                        from = step.occurredAt();
                    }
                }
                case "COMPLETED" -> {
                    if (held) {
                        stretches.add(new Stretch(unit, from, step.occurredAt(), true));
                        held = false;
                    }
                }
                case "REOPENED" -> {
                    unit = step.unit();
                    from = step.occurredAt();
                    held = true;
                }
                default -> {
                }
            }
        }
        if (held) {
            stretches.add(new Stretch(unit, from, null, false));
        }
        return stretches;
    }

    private static List<Interval> pauses(List<CaseStep> steps, Instant now) {
        List<Interval> pauses = new ArrayList<>();
        LocalDate pausedFrom = null;
        for (CaseStep step : steps) {
            if (step.kind().equals("NOTICE_SENT") && pausedFrom == null) {
                pausedFrom = date(step.occurredAt());
            } else if ((step.kind().equals("SUPPLEMENTED") || step.kind().equals("COMPLETED")) && pausedFrom != null) {
                pauses.add(new Interval(pausedFrom, date(step.occurredAt())));
                pausedFrom = null;
            }
        }
        if (pausedFrom != null) {
            pauses.add(new Interval(pausedFrom, date(now).plusDays(1)));
        }
        return pauses;
    }

    /** Working days D with {@code from <= D < until}. */
    private int workingDays(LocalDate from, LocalDate until) {
        if (!from.isBefore(until)) {
            return 0;
        }
        return calendar.countWorkingDays(noon(from.minusDays(1)), noon(until.minusDays(1)));
    }

    private int overlap(LocalDate from, LocalDate until, LocalDate otherFrom, LocalDate otherUntil) {
        return workingDays(max(from, otherFrom), min(until, otherUntil));
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(WorkingCalendar.ZONE).toInstant();
    }

    private static LocalDate date(Instant instant) {
        return instant.atZone(WorkingCalendar.ZONE).toLocalDate();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
