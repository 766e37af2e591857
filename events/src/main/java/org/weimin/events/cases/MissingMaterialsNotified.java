package org.weimin.events.cases;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;

/**
 * The applicant was told what is missing (一次性告知). Every such notice pauses the clock; a notice while already paused
 * keeps the pause and its remaining budget (rules.md "One-time notice and the paused clock").
 *
 * @param noticeNumber         notices are numbered 1, 2, 3, ... over the case's life (a reopen starts a new
 *                             handling round, whose first notice again lists everything)
 * @param items                everything asked for in this notice
 * @param usedWorkingDays      working days counted in the current run up to and including the notice day
 * @param remainingWorkingDays the budget left when the case resumes (negative when it was already overdue)
 */
@Revision("1")
public record MissingMaterialsNotified(
        CaseId caseId,
        int noticeNumber,
        List<NoticeItem> items,
        NotificationChannel channel,
        int usedWorkingDays,
        int remainingWorkingDays,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
