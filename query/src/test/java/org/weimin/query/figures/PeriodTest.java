package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** Periods are cut at 00:00 Beijing time (rules.md "Figures (assessment)", issue 5: Asia/Shanghai). */
class PeriodTest {

    @Test
    void aMonthRunsFromMidnightBeijingTimeOnTheFirstToMidnightOnTheFirstOfTheNext() {
        Period march = Period.parse(Granularity.MONTH, "2026-03");
        assertThat(march.start()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
        assertThat(march.key()).isEqualTo("2026-03");
        assertThat(march.next().key()).isEqualTo("2026-04");
    }

    @Test
    void aMinuteBeforeMidnightBeijingTimeIsTheOldMonthAndMidnightTheNew() {
        assertThat(Period.containing(Granularity.MONTH, Instant.parse("2026-03-31T15:59:59Z")).key())
                .isEqualTo("2026-03");
        assertThat(Period.containing(Granularity.MONTH, Instant.parse("2026-03-31T16:00:00Z")).key())
                .isEqualTo("2026-04");
        assertThat(Period.containing(Granularity.YEAR, Instant.parse("2025-12-31T16:00:00Z")).key())
                .isEqualTo("2026");
        assertThat(Period.containing(Granularity.DAY, Instant.parse("2026-03-04T17:00:00Z")).key())
                .isEqualTo("2026-03-05");
    }

    @Test
    void daysAndYearsHaveTheirOwnSpelling() {
        assertThat(Period.parse(Granularity.DAY, "2026-03-05").start()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
        assertThat(Period.parse(Granularity.YEAR, "2026").end()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThatThrownBy(() -> Period.parse(Granularity.MONTH, "2026-03-05"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Period.parse(Granularity.YEAR, "26")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Period.parse(Granularity.DAY, "2026-02-30"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
