package org.weimin.command.calendar;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.events.calendar.CalendarRevised;

/** Applies a calendar revision to the in-memory calendar within the revising command's own unit of work. */
@Component
@ProcessingGroup(CaseDirectory.PROCESSING_GROUP)
public class CalendarRevisionListener {
    private final RevisableWorkingCalendar calendar;

    public CalendarRevisionListener(RevisableWorkingCalendar calendar) {
        this.calendar = calendar;
    }

    @EventHandler
    void on(CalendarRevised event) {
        calendar.apply(event);
    }
}
