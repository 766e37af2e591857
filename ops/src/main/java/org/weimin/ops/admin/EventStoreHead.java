package org.weimin.ops.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-only questions to the event table ({@code DomainEventEntry}, schema-h2.sql) that the processors' positions are
 * measured against: the head (highest global index), how many events lie up to a position, and the recording
 * timestamp of the event at a position. Each is one indexed query on the primary key.
 */
@Component
public class EventStoreHead {
    private final JdbcTemplate jdbc;

    public EventStoreHead(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the newest event; empty while the store is empty. */
    public OptionalLong headIndex() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? OptionalLong.empty() : OptionalLong.of(head);
    }

    /** How many events have a global index at or below {@code index}. */
    public long countUpTo(long index) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex <= ?", Long.class,
                index);
        return count == null ? 0 : count;
    }

    /**
     * The timestamp of the event at {@code index} or, where that index is a gap, of the nearest event before it; of
     * the first event when there is none before it (a processor that has not started).
     */
    public Optional<Instant> timestampAt(long index) {
        List<String> at = jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry WHERE globalIndex <= ? "
                + "ORDER BY globalIndex DESC FETCH FIRST 1 ROWS ONLY", String.class, index);
        if (at.isEmpty()) {
            at = jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry ORDER BY globalIndex FETCH FIRST 1 ROWS ONLY",
                    String.class);
        }
        return at.stream().findFirst().map(DateTimeUtils::parseInstant);
    }
}
