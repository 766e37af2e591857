package org.weimin.command.cases;

import java.time.Instant;
import org.weimin.events.calendar.Deadline;

/**
 * Rule (rules.md "Deadlines and calendar"): a case is on time when it is completed at or before the deadline in force
 * at completion (after pauses and approved extensions).
 */
public final class OnTimeRule {
    private OnTimeRule() {
    }

    /** True when {@code completedAt} is not after the deadline's instant. */
    public static boolean isOnTime(Instant completedAt, Deadline deadlineInForce) {
        return !completedAt.isAfter(deadlineInForce.dueAt());
    }
}
