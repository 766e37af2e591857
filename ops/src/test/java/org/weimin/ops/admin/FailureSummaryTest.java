package org.weimin.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** What a parked event's stored cause says: types and throw site only, never an exception's message. */
class FailureSummaryTest {
    private static final String PERSONAL = "张三 11010519491231002X 13912345678";

    @Test
    void theSummaryNamesTheInnermostTypeAndOurThrowSiteButNoMessage() {
        Exception failure = new IllegalStateException("wrapper: " + PERSONAL, failingStore());

        FailureSummary summary = FailureSummary.of(failure);

        assertThat(summary.type()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(summary.throwSite()).startsWith(FailureSummaryTest.class.getName() + ".failingStore:");
        assertThat(summary.causeChain()).containsExactly(IllegalStateException.class.getName(),
                IllegalArgumentException.class.getName());
        assertThat(summary.message()).contains("IllegalArgumentException", summary.throwSite())
                .doesNotContain("张三").doesNotContain("13912345678").doesNotContain("wrapper");
    }

    @Test
    void aFailureWithoutStackTraceHasAnUnknownSite() {
        RuntimeException bare = new RuntimeException(PERSONAL, null, false, false) {
        };

        assertThat(FailureSummary.of(bare).throwSite()).isEqualTo("unknown");
        assertThat(FailureSummary.of(bare).message()).doesNotContain("张三");
    }

    @Test
    void thePolicyParksWithTheRedactedCauseAndCountsAttempts() {
        RedactingDeadLetterPolicy policy = new RedactingDeadLetterPolicy();
        EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
        DeadLetter<EventMessage<?>> fresh = new GenericDeadLetter<>("case-1", event);

        EnqueueDecision<EventMessage<?>> first = policy.decide(fresh, failingStore());

        assertThat(first.shouldEnqueue()).isTrue();
        Cause cause = first.enqueueCause().map(c -> (Cause) c).orElseThrow();
        assertThat(cause.type()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(cause.message()).doesNotContain("张三");
        MetaData diagnostics = first.withDiagnostics(fresh).diagnostics();
        assertThat(diagnostics).containsEntry("attempts", 1L).containsKey("throwSite").containsKey("causeChain");

        DeadLetter<EventMessage<?>> parked = fresh.withDiagnostics(diagnostics);
        assertThat(policy.decide(parked, failingStore()).withDiagnostics(parked).diagnostics())
                .containsEntry("attempts", 2L);
        assertThat(policy.decide(fresh.withDiagnostics(MetaData.from(Map.of("attempts", "4"))), failingStore())
                .withDiagnostics(fresh).diagnostics()).containsEntry("attempts", 5L);
    }

    @Test
    void anUnreachableStoreIsNotParkedButThrownOnForTheProcessorToRetry() {
        RedactingDeadLetterPolicy policy = new RedactingDeadLetterPolicy();
        DeadLetter<EventMessage<?>> fresh = new GenericDeadLetter<>("case-1",
                GenericEventMessage.asEventMessage("an event"));
        RuntimeException outage = new IllegalStateException("handler failed",
                new org.springframework.dao.DataAccessResourceFailureException("timed out",
                        new com.mongodb.MongoTimeoutException("no server")));

        assertThatThrownBy(() -> policy.decide(fresh, outage)).isSameAs(outage);
        assertThat(RedactingDeadLetterPolicy.isTransient(new com.mongodb.MongoSocketException("reset",
                new com.mongodb.ServerAddress()))).isTrue();
        assertThat(RedactingDeadLetterPolicy.isTransient(failingStore())).isFalse();
    }

    private static IllegalArgumentException failingStore() {
        return new IllegalArgumentException("cannot save the view of " + PERSONAL);
    }
}
