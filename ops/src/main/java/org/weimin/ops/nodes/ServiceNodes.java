package org.weimin.ops.nodes;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service nodes sharing one JDBC store (table {@code service_node}): each node writes a heartbeat (its wall-clock
 * time in milliseconds) every balancing round, and a node counts as live while its heartbeat is younger than three
 * rounds. The count sets each node's fair share of every processing group's segments ({@link SegmentBalancer}).
 * Wall-clock time of each machine (not the application clock, which tests may fix): keep the nodes' clocks in sync
 * (NTP) to within a round. A normal stop removes the node's row; a crashed node's row ages out and is purged after
 * a minute.
 */
public class ServiceNodes {
    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Duration liveFor;

    /** @param round how often heartbeats are written; a node is live for three rounds after its last one */
    public ServiceNodes(JdbcTemplate jdbc, Duration round) {
        this.jdbc = jdbc;
        this.liveFor = round.multipliedBy(3);
        this.nodeId = new com.github.kagkarlsson.scheduler.SchedulerName.Hostname().getName() + "-"
                + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's id: host name, process id and a random suffix. */
    public String nodeId() {
        return nodeId;
    }

    /** Writes this node's heartbeat and purges rows older than a minute; the number of live nodes (at least 1). */
    public int heartbeat() {
        long now = System.currentTimeMillis();
        if (jdbc.update("UPDATE service_node SET last_seen_millis = ? WHERE node_id = ?", now, nodeId) == 0) {
            jdbc.update("INSERT INTO service_node (node_id, last_seen_millis) VALUES (?, ?)", nodeId, now);
        }
        jdbc.update("DELETE FROM service_node WHERE last_seen_millis < ?", now - Duration.ofMinutes(1).toMillis());
        Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM service_node WHERE last_seen_millis > ?",
                Integer.class, now - liveFor.toMillis());
        return Math.max(1, live == null ? 1 : live);
    }

    /** Removes this node's row (normal stop), so the others take its share at once. */
    public void leave() {
        jdbc.update("DELETE FROM service_node WHERE node_id = ?", nodeId);
    }
}
