package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The test-only clock settings work, and the prod profile refuses them. */
class ClockConfigurationTest {
    private final ClockConfiguration configuration = new ClockConfiguration();

    @Test
    void aFixedClockStandsStill() {
        var clock = configuration.clock("2025-03-03T02:00:00Z", "", new MockEnvironment());
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-03T02:00:00Z"));
    }

    @Test
    void anOffsetIsAddedToTheFixedClock() {
        var clock = configuration.clock("2025-03-03T02:00:00Z", "P1DT2H", new MockEnvironment());
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-04T04:00:00Z"));
    }

    @Test
    void theProdProfileRefusesAFixedClock() {
        var prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> configuration.clock("2025-03-03T02:00:00Z", "", prod))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("prod profile refuses");
    }

    @Test
    void theProdProfileRefusesAnOffset() {
        var prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> configuration.clock("", "PT1H", prod)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theProdProfileRunsOnTheSystemClock() {
        var prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThat(configuration.clock("", "", prod).getZone().getId()).isEqualTo("Z");
    }
}
