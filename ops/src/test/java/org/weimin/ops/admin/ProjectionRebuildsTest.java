package org.weimin.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * How a group's rebuild strategy is found: a declared {@link ProjectionRebuild} bean for the group wins (the seam for
 * a search-index group that rebuilds into a new index and switches an alias), else the token reset for a replay-safe
 * group; a group that must not replay is refused.
 */
class ProjectionRebuildsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T02:00:00Z"), ZoneOffset.UTC);

    private final ProjectionGroups groups = mock(ProjectionGroups.class);
    private final EventStoreHead head = mock(EventStoreHead.class);

    @Test
    void aStrategyDeclaredForAGroupIsUsedWithoutAskingWhetherItsProcessorCanReplay() {
        ProjectionRebuild aliasSwitch = new AliasSwitchingRebuild();
        ProjectionRebuilds rebuilds = rebuilds(List.of(aliasSwitch));

        assertThat(rebuilds.forGroup("case-search")).isSameAs(aliasSwitch);
        assertThat(rebuilds.forGroup("case-search").start().state()).isEqualTo("RUNNING");
        verify(groups, never()).replayRefusal("case-search");
    }

    @Test
    void aReplaySafeGroupWithoutItsOwnStrategyIsRebuiltByResettingItsTokens() {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(groups.replayRefusal("case-view")).thenReturn(Optional.empty());
        when(groups.processor("case-view")).thenReturn(processor);
        when(groups.deadLetterQueue("case-view")).thenReturn(Optional.empty());
        ProjectionRebuilds rebuilds = rebuilds(List.of());

        ProjectionRebuild rebuild = rebuilds.forGroup("case-view");

        assertThat(rebuild).isInstanceOf(TokenResetRebuild.class);
        assertThat(rebuild.group()).isEqualTo("case-view");
        assertThat(rebuilds.forGroup("case-view")).as("one per group, keeping its progress").isSameAs(rebuild);
        assertThat(rebuild.progress()).isEqualTo(RebuildProgress.notStarted("case-view"));
    }

    @Test
    void aGroupThatMustNotReplayIsRefused() {
        when(groups.replayRefusal("calendar-revision")).thenReturn(Optional.of("it has side effects"));

        assertThatThrownBy(() -> rebuilds(List.of()).forGroup("calendar-revision"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REBUILD_NOT_ALLOWED))
                .hasMessageContaining("it has side effects");
    }

    private ProjectionRebuilds rebuilds(List<ProjectionRebuild> declared) {
        return new ProjectionRebuilds(declared, groups, head, CLOCK, NoTransactionManager.INSTANCE);
    }

    /** Stands for a later Elasticsearch strategy: build a new index, then switch the alias. */
    private static final class AliasSwitchingRebuild implements ProjectionRebuild {
        @Override
        public String group() {
            return "case-search";
        }

        @Override
        public RebuildProgress start() {
            return new RebuildProgress(group(), "RUNNING", 0, 10, 0, false, CLOCK.instant(), null);
        }

        @Override
        public RebuildProgress progress() {
            return RebuildProgress.notStarted(group());
        }
    }
}
