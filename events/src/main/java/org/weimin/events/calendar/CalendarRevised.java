package org.weimin.events.calendar;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator loaded the holiday schedule of a year (the State Council's notice): from now on that year's dates
 * (and late December of the year before) follow these facts, and the year counts as published. Every open case whose
 * deadline depended on the change gets a {@link org.weimin.events.cases.DeadlineRevised} (rules.md "Deadlines and
 * calendar").
 *
 * @param facts    the dates of the notice that differ from Monday–Friday
 * @param revision the calendar revision after this change, recorded in every deadline computed with it
 */
@Revision("1")
public record CalendarRevised(
        String calendarId,
        int year,
        String notice,
        List<CalendarFact> facts,
        String revision,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CalendarEvent {
}
