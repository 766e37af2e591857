package org.weimin.command.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.DayKind;

/**
 * Administrators load a year's holiday schedule when the State Council publishes it
 * ({@code POST /api/admin/calendar/years/{year}}); open cases with provisional deadlines are then recounted, each
 * moved deadline an event. {@code GET /api/admin/calendar} shows the revision and the published years.
 */
@RestController
public class CalendarController {
    private final RevisableWorkingCalendar calendar;
    private final CommandGateway commands;
    private final Clock clock;

    public CalendarController(RevisableWorkingCalendar calendar, CommandGateway commands, Clock clock) {
        this.calendar = calendar;
        this.commands = commands;
        this.clock = clock;
    }

    /** One date of a notice: {@code OFF} (holiday on a weekday or weekend) or {@code WORK} (adjusted working day). */
    public record Day(@NotNull LocalDate date, @NotNull DayKind kind, @Size(max = 50) String name) {
    }

    /** A year's schedule: the notice it comes from and every date that differs from Monday–Friday. */
    public record YearSchedule(@NotBlank @Size(max = 500) String notice,
                               @NotNull @Size(max = 200) List<@Valid @NotNull Day> days) {
    }

    /** The calendar in force. */
    public record CalendarState(String revision, Set<Integer> publishedYears) {
    }

    @GetMapping("/api/admin/calendar")
    public CalendarState state() {
        return new CalendarState(calendar.revision(), calendar.facts().publishedYears());
    }

    /**
     * Loads the schedule of {@code year}. Facts must belong to that year's notice (its dates, and late December of the
     * year before); otherwise 400 {@code VALIDATION_FAILED} naming the problem, and nothing changes.
     */
    @PostMapping("/api/admin/calendar/years/{year}")
    public CalendarState revise(StaffMember staff, @PathVariable int year, @Valid @RequestBody YearSchedule schedule) {
        if (year < 2000 || year > 2100) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The year is out of range.", Map.of("year", "2000..2100"));
        }
        List<CalendarFact> facts = schedule.days().stream()
                .map(d -> new CalendarFact(d.date(), d.kind(), d.name() == null ? "" : d.name())).toList();
        String revision = calendar.revision() + "+" + year + "-" + digest(year, schedule.notice(), facts);
        try {
            calendar.facts().withYear(year, schedule.notice(), facts, revision);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, e.getMessage(), Map.of("days", e.getMessage()));
        }
        Instant now = clock.instant();
        commands.sendAndWait(new CalendarBook.ReviseCalendar(CalendarEvent.CALENDAR_ID, year, schedule.notice(), facts,
                revision, staff.asActor(), now, now));
        return state();
    }

    private static String digest(int year, String notice, List<CalendarFact> facts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((year + "|" + notice).getBytes(StandardCharsets.UTF_8));
            facts.stream().sorted(java.util.Comparator.comparing(CalendarFact::date))
                    .forEach(f -> sha.update(("|" + f.date() + " " + f.kind()).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
