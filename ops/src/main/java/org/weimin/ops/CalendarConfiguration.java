package org.weimin.ops;

import java.io.IOException;
import java.io.InputStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.weimin.command.calendar.RevisableWorkingCalendar;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.CalendarRevised;

/**
 * The working calendar: the shipped holiday facts ({@code weimin.calendar.file}, the product's own format, built from
 * the State Council's notices 2007–2026; 2027 unpublished) plus every revision administrators recorded since, read
 * back from the event store once all beans exist and before the service takes requests.
 */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    RevisableWorkingCalendar workingCalendar(
            @Value("${weimin.calendar.file:classpath:calendar/cn-working-calendar.txt}") Resource file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            CalendarFacts facts = CalendarFacts.read(in);
            log.info("Working calendar {}: published years {}..{}", facts.revision(),
                    facts.publishedYears().stream().min(Integer::compare).orElse(null),
                    facts.lastPublishedYear().isPresent() ? facts.lastPublishedYear().getAsInt() : null);
            return new RevisableWorkingCalendar(facts);
        }
    }

    /**
     * Applies the recorded revisions (administrators' loads of yearly schedules) in order; with Axon Server unreachable
     * at start, once it is reachable ({@link StoreStartupSteps}).
     */
    @Bean
    SmartInitializingSingleton calendarHistory(RevisableWorkingCalendar calendar, EventStore events,
                                               StoreStartupSteps steps) {
        return () -> runStep(steps, "calendar history", () -> {
            int[] applied = {0};
            events.readEvents(CalendarEvent.CALENDAR_ID).asStream()
                    .filter(m -> m.getPayload() instanceof CalendarRevised)
                    .forEach(m -> {
                        calendar.apply((CalendarRevised) m.getPayload());
                        applied[0]++;
                    });
            if (applied[0] > 0) {
                log.info("Working calendar: applied {} recorded revision(s); now {}", applied[0], calendar.revision());
            }
        });
    }

    /** Runs a start-up step from a callback that cannot throw checked exceptions. */
    public static void runStep(StoreStartupSteps steps, String name, StoreStartupSteps.Step step) {
        try {
            steps.run(name, step);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("start-up step '" + name + "' failed", e);
        }
    }
}
