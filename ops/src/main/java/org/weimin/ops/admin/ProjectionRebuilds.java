package org.weimin.ops.admin;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * Finds the {@link ProjectionRebuild} of a group by name: a bean of that group's own first (e.g. a later
 * {@code case-search} strategy that switches an Elasticsearch alias), else a {@link TokenResetRebuild} for a streaming
 * group whose replay is safe ({@link ProjectionGroups#replayRefusal}).
 */
@Component
public class ProjectionRebuilds {
    private final Map<String, ProjectionRebuild> declared;
    private final Map<String, ProjectionRebuild> defaults = new ConcurrentHashMap<>();
    private final ProjectionGroups groups;
    private final EventStoreHead head;
    private final Clock clock;
    private final TransactionManager transactions;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild-watch");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(List<ProjectionRebuild> declared, ProjectionGroups groups, EventStoreHead head,
                              Clock clock, TransactionManager transactions) {
        this.declared = declared.stream().collect(Collectors.toUnmodifiableMap(ProjectionRebuild::group,
                Function.identity()));
        this.groups = groups;
        this.head = head;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * The rebuild strategy of {@code group}.
     *
     * @throws DomainException {@link ErrorCode#PROCESSING_GROUP_NOT_FOUND} (404) for an unknown group,
     *                         {@link ErrorCode#REBUILD_NOT_ALLOWED} (409) for a group that must not be replayed
     *                         (side effects, {@code @DisallowReplay}, or a subscribing processor)
     */
    public ProjectionRebuild forGroup(String group) {
        ProjectionRebuild own = declared.get(group);
        if (own != null) {
            return own;
        }
        groups.replayRefusal(group).ifPresent(reason -> {
            throw new DomainException(ErrorCode.REBUILD_NOT_ALLOWED,
                    "Processing group '" + group + "' cannot be rebuilt: " + reason + ".");
        });
        return defaults.computeIfAbsent(group, g -> new TokenResetRebuild(g,
                (StreamingEventProcessor) groups.processor(g), groups.deadLetterQueue(g).orElse(null), head, clock,
                transactions, watcher));
    }

    @PreDestroy
    void stopWatching() {
        watcher.shutdownNow();
    }
}
