package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link StoreStartupSteps}: what is deferred while Axon Server is unreachable, and in which order it runs later. */
class StoreStartupStepsTest {
    private final List<String> ran = new ArrayList<>();
    private final AtomicBoolean storeUp = new AtomicBoolean(false);

    private StoreStartupSteps.Step step(String name) {
        return () -> {
            if (!storeUp.get()) {
                throw new IllegalStateException("UNAVAILABLE");
            }
            ran.add(name);
        };
    }

    @Test
    void withTheEmbeddedStoreAFailingStepStopsTheStart() {
        StoreStartupSteps steps = new StoreStartupSteps(false, storeUp::get);
        assertThatThrownBy(() -> steps.run("calendar history", step("calendar history")))
                .hasMessage("UNAVAILABLE");
        assertThat(steps.pending()).isEmpty();
    }

    @Test
    void withAxonServerReachableAFailingStepStillStopsTheStart() {
        StoreStartupSteps steps = new StoreStartupSteps(true, () -> true);
        assertThatThrownBy(() -> steps.run("calendar history", step("calendar history")))
                .hasMessage("UNAVAILABLE");
    }

    @Test
    void withAxonServerUnreachableTheStepAndEveryLaterOneWaitAndRunInOrderOnceItIsBack() throws Exception {
        StoreStartupSteps steps = new StoreStartupSteps(true, storeUp::get);
        steps.run("calendar history", step("calendar history"));
        steps.run("reference history", () -> ran.add("reference history")); // would succeed, but must wait its turn
        steps.run("reference files deployment", step("reference files deployment"));
        assertThat(ran).isEmpty();
        assertThat(steps.pending()).containsExactly("calendar history", "reference history",
                "reference files deployment");
        assertThat(steps.lastFailure()).contains("UNAVAILABLE");

        assertThat(steps.runPending()).as("still unreachable").isFalse();
        assertThat(steps.pending()).hasSize(3);

        storeUp.set(true);
        assertThat(steps.runPending()).isTrue();
        assertThat(ran).containsExactly("calendar history", "reference history", "reference files deployment");
        assertThat(steps.pending()).isEmpty();
        assertThat(steps.lastFailure()).isNull();
        steps.run("user store", step("user store"));
        assertThat(ran).endsWith("user store");
    }
}
