package org.weimin.command.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Time-limit settings (rules.md "Completion, evaluation, rectification, reopening").
 *
 * @param rectificationWorkingDays the limit of a rectification opened by a bad grade, in working days (default 5)
 */
@ConfigurationProperties(prefix = "weimin.time-limits")
public record TimeLimitSettings(Integer rectificationWorkingDays) {
    public TimeLimitSettings {
        rectificationWorkingDays = rectificationWorkingDays == null ? 5 : rectificationWorkingDays;
        if (rectificationWorkingDays < 1) {
            throw new IllegalArgumentException("a rectification limit is at least 1 working day");
        }
    }
}
