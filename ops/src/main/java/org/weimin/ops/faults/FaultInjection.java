package org.weimin.ops.faults;

import java.util.Arrays;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.weimin.events.cases.CaseEvent;
import org.weimin.projections.cases.CaseViewProjection;

/**
 * Test-only faults for the fault suite (FaultSuiteIT, README "Fault suite"), present only with the profile
 * {@value #PROFILE}; the {@code prod} profile (and so the {@code production} group) refuses to start with it.
 *
 * <p>{@code weimin.faults.case-view.fail-on=<event type>} (a simple class name such as
 * {@code ApplicantNotifiedOfProgress}): a handler of the {@code case-view} processing group, ordered before the
 * projection's own, throws for every event of that type, so that the projection never sees it; the group's
 * dead-letter queue parks it (and, by the per-case sequencing, that case's later events) while other cases flow on.
 * Restarted without the profile (the fix), {@code POST /api/admin/projections/case-view/dead-letters/retry}
 * processes the parked events.
 */
@Configuration(proxyBeanMethods = false)
@Profile(FaultInjection.PROFILE)
public class FaultInjection {
    /** The profile that enables injected faults. */
    public static final String PROFILE = "faults";
    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    /**
     * @throws IllegalStateException when the {@code prod} profile is active too
     */
    @Bean
    FailingCaseViewHandler failingCaseViewHandler(@Value("${weimin.faults.case-view.fail-on:}") String eventType,
                                                  Environment environment) {
        refuseInProduction(environment);
        if (!eventType.isBlank()) {
            log.warn("TEST SETTING: the case-view projection fails on every {} event (profile {})", eventType,
                    PROFILE);
        }
        return new FailingCaseViewHandler(eventType);
    }

    /**
     * @throws IllegalStateException when {@code environment} has the {@code prod} profile active
     */
    static void refuseInProduction(Environment environment) {
        if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            throw new IllegalStateException("the '" + PROFILE + "' profile injects faults for tests; the prod "
                    + "profile refuses it");
        }
    }

    /** Throws for every case event of one type; see the class comment. */
    @ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class FailingCaseViewHandler {
        private final String eventType;

        FailingCaseViewHandler(String eventType) {
            this.eventType = eventType;
        }

        @EventHandler
        void on(CaseEvent event) {
            if (event.getClass().getSimpleName().equals(eventType)) {
                throw new InjectedFault("injected fault: case-view fails on " + eventType);
            }
        }
    }

    /** The failure an injected fault throws. */
    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
