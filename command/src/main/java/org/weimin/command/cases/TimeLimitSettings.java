package org.weimin.command.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Time-limit settings (rules.md "Completion, evaluation, rectification, reopening").
 *
 * @param rectificationWorkingDays the limit of a rectification opened by a bad grade, in working days (default 5)
 * @param warningWorkingDays       the warning (预警) is given at 00:00 Asia/Shanghai of the N-th last counted working
 *                                 day of a deadline (default 1: the last one; rules.md "Deadlines and calendar")
 */
@ConfigurationProperties(prefix = "weimin.time-limits")
public record TimeLimitSettings(Integer rectificationWorkingDays, Integer warningWorkingDays) {
    public TimeLimitSettings {
        rectificationWorkingDays = rectificationWorkingDays == null ? 5 : rectificationWorkingDays;
        warningWorkingDays = warningWorkingDays == null ? 1 : warningWorkingDays;
        if (rectificationWorkingDays < 1 || warningWorkingDays < 1 || warningWorkingDays > 20) {
            throw new IllegalArgumentException(
                    "a rectification limit is at least 1 working day; a warning 1 to 20 working days before");
        }
    }

    /** The defaults: rectification within 5 working days, warning on the last counted working day. */
    public static TimeLimitSettings defaults() {
        return new TimeLimitSettings(null, null);
    }
}
