package org.weimin.events.calendar;

/**
 * Events of the working-day calendar's own history. Sealed so that tests can list every type (each has a golden JSON
 * file), like {@link org.weimin.events.cases.CaseEvent}.
 */
public sealed interface CalendarEvent permits CalendarRevised {
    /** The single calendar of a deployment. */
    String CALENDAR_ID = "cn-working-calendar";
}
