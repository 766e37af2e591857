package org.weimin.ops.nodes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.command.calendar.RevisableWorkingCalendar;
import org.weimin.command.reference.LiveReferenceData;
import org.weimin.ops.PeriodicTask;
import org.weimin.ops.StoreStartupSteps;

/**
 * Several service nodes on one shared store (issue 8; README "Running on more than one machine"): the segment
 * balancer ({@link SegmentBalancer}, every {@code weimin.nodes.balance-interval}, default 2 s; a released segment is
 * left for others for {@code weimin.nodes.release-for}, default 10 s; a group with fewer segments in the token store
 * than its {@code initial-segment-count} is split up to it) and the follower of calendar and reference-data
 * changes ({@link StreamFollower}, every {@code weimin.nodes.follow-interval}, default 2 s). Both also run on a single
 * embedded node, where they find nothing to do. They start once the application is ready, so that a starting node
 * does not count itself before its processors run.
 */
@Configuration(proxyBeanMethods = false)
public class NodesConfiguration {

    @Bean
    ServiceNodes serviceNodes(JdbcTemplate jdbc,
                              @Value("${weimin.nodes.balance-interval:PT2S}") Duration round) {
        return new ServiceNodes(jdbc, round);
    }

    /**
     * The balancer, with each processor's configured {@code initial-segment-count} (a store made with fewer segments
     * is split up to it: {@link SegmentBalancer}).
     */
    @Bean
    SegmentBalancer segmentBalancer(ServiceNodes nodes, EventProcessingConfiguration processing, TokenStore tokens,
                                    TransactionManager transactions, EventProcessorProperties processors,
                                    @Value("${weimin.nodes.release-for:PT10S}") Duration releaseFor) {
        Map<String, Integer> configured = new HashMap<>();
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getInitialSegmentCount() != null) {
                configured.put(name, settings.getInitialSegmentCount());
            }
        });
        return new SegmentBalancer(nodes, processing, tokens, transactions, releaseFor, configured);
    }

    @Bean
    StreamFollower streamFollower(EventStore events, RevisableWorkingCalendar calendar, LiveReferenceData reference,
                                  StoreStartupSteps startup) {
        return new StreamFollower(events, calendar, reference, () -> startup.pending().isEmpty());
    }

    /** Starts both rounds when the application is ready; stops them (and leaves the node table) at shutdown. */
    @Bean
    NodeRounds nodeRounds(ServiceNodes nodes, SegmentBalancer balancer, StreamFollower follower,
                          @Value("${weimin.nodes.balance-interval:PT2S}") Duration balance,
                          @Value("${weimin.nodes.follow-interval:PT2S}") Duration follow) {
        return new NodeRounds(nodes, balancer, follower, balance, follow);
    }

    /** The two periodic tasks of a node. */
    static final class NodeRounds implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {
        private final ServiceNodes nodes;
        private final SegmentBalancer balancer;
        private final StreamFollower follower;
        private final Duration balance;
        private final Duration follow;
        private PeriodicTask balancing;
        private PeriodicTask following;

        NodeRounds(ServiceNodes nodes, SegmentBalancer balancer, StreamFollower follower, Duration balance,
                   Duration follow) {
            this.nodes = nodes;
            this.balancer = balancer;
            this.follower = follower;
            this.balance = balance;
            this.follow = follow;
        }

        @Override
        public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
            if (balancing == null) {
                balancing = PeriodicTask.start("segment-balancer", balance, balancer::round);
                following = PeriodicTask.start("stream-follower", follow, follower::round);
            }
        }

        @Override
        public synchronized void close() {
            if (balancing != null) {
                balancing.close();
                following.close();
                try {
                    nodes.leave();
                } catch (RuntimeException ignored) {
                    // the store is down: the row ages out
                }
            }
        }
    }
}
