package org.weimin.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one {@link Clock} every component uses (live commands are stamped with it; timers read it).
 *
 * <p>Test-only settings: {@code weimin.clock.fixed} (an ISO-8601 instant: the clock stands still there) and
 * {@code weimin.clock.offset} (an ISO-8601 duration added to the system clock). The {@code prod} profile refuses to
 * start with either set.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

    @Bean
    Clock clock(@Value("${weimin.clock.fixed:}") String fixed, @Value("${weimin.clock.offset:}") String offset,
                Environment environment) {
        boolean adjusted = !fixed.isBlank() || !offset.isBlank();
        if (adjusted && Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            throw new IllegalStateException(
                    "weimin.clock.fixed and weimin.clock.offset are test-only settings; the prod profile refuses them");
        }
        Clock clock = Clock.systemUTC();
        if (!fixed.isBlank()) {
            clock = Clock.fixed(Instant.parse(fixed), ZoneOffset.UTC);
            log.warn("TEST SETTING: the clock is fixed at {}", fixed);
        }
        if (!offset.isBlank()) {
            clock = Clock.offset(clock, Duration.parse(offset));
            log.warn("TEST SETTING: the clock is offset by {}", offset);
        }
        return clock;
    }
}
