package org.weimin.command.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.events.Actor;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarRevised;

/**
 * The history of the deployment's working calendar: one aggregate ({@link CalendarEvent#CALENDAR_ID}) whose events
 * are the administrators' loads of yearly holiday schedules. Validation of the facts happens before (the facts must
 * fit the year, {@code CalendarFacts.withYear}); this records them in order.
 */
@Aggregate
public class CalendarBook {

    /** Load a year's schedule. {@code revision} is the calendar revision after it. */
    public record ReviseCalendar(@TargetAggregateIdentifier String calendarId, int year, String notice,
                                 List<CalendarFact> facts, String revision, Actor actor, Instant occurredAt,
                                 Instant recordedAt) {
    }

    @AggregateIdentifier
    private String calendarId;

    protected CalendarBook() {
    }

    /** Records the revision; creates the book on first use. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReviseCalendar command) {
        apply(new CalendarRevised(command.calendarId(), command.year(), command.notice(), List.copyOf(command.facts()),
                command.revision(), command.actor(), command.occurredAt(), command.recordedAt()));
        return org.axonframework.modelling.command.AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(CalendarRevised event) {
        calendarId = event.calendarId();
    }
}
