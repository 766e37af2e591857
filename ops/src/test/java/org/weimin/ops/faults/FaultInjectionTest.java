package org.weimin.ops.faults;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class FaultInjectionTest {

    @Test
    void theProdProfileRefusesInjectedFaults() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("faults", "prod", "axonserver");
        assertThatThrownBy(() -> FaultInjection.refuseInProduction(production))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("prod profile refuses");
    }

    @Test
    void outsideProdTheFaultsProfileIsAccepted() {
        MockEnvironment test = new MockEnvironment();
        test.setActiveProfiles("faults");
        assertThatCode(() -> FaultInjection.refuseInProduction(test)).doesNotThrowAnyException();
    }
}
