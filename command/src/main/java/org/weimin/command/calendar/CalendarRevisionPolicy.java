package org.weimin.command.calendar;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.weimin.command.cases.RecomputeDeadline;
import org.weimin.events.CaseId;
import org.weimin.events.calendar.CalendarRevised;

/**
 * Policy (rules.md "Deadlines and calendar"): when a year's schedule is loaded, every open case whose deadline is
 * provisional is recounted with the new calendar; each case whose deadline moves records a {@code DeadlineRevised}.
 * Runs after the revision is committed (tracking processing group {@value #PROCESSING_GROUP}); never during a
 * replay. A case that completes meanwhile simply ignores the recount. With several nodes (issue 8) the segment may be
 * held by a node other than the one that recorded the revision, so the revision is applied to this node's calendar
 * first (idempotent) rather than waiting for the node's follower.
 */
@Component
@ProcessingGroup(CalendarRevisionPolicy.PROCESSING_GROUP)
public class CalendarRevisionPolicy {
    public static final String PROCESSING_GROUP = "calendar-revision";
    private static final Logger log = LoggerFactory.getLogger(CalendarRevisionPolicy.class);

    private final OpenCaseDeadlines openCases;
    private final CommandGateway commands;
    private final RevisableWorkingCalendar calendar;

    public CalendarRevisionPolicy(OpenCaseDeadlines openCases, CommandGateway commands,
                                  RevisableWorkingCalendar calendar) {
        this.openCases = openCases;
        this.commands = commands;
        this.calendar = calendar;
    }

    @EventHandler
    @DisallowReplay
    void on(CalendarRevised event) {
        calendar.apply(event);
        int recounted = 0;
        for (CaseId caseId : openCases.provisional()) {
            commands.sendAndWait(new RecomputeDeadline(caseId, event.revision(), event.recordedAt()));
            recounted++;
        }
        log.info("Calendar revision {} (year {}): recounted {} provisional deadlines", event.revision(), event.year(),
                recounted);
    }
}
