package org.weimin.ops.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * An in-memory H2 event store with the project's DDL, and appends through {@link HashingAppendEvents} with Axon's
 * Jackson serializer, as the service does. Events of a case are {@code Note} payloads at fixed instants.
 */
final class LedgerStoreFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    final Connection connection;
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final HashingAppendEvents append = new HashingAppendEvents(new LedgerAppendGate());

    /** A tiny event payload. */
    record Note(String text) {
    }

    LedgerStoreFixture() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0",
                "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql"))
                .execute(new SingleConnectionDataSource(connection, true));
    }

    /** A store with {@code case-a} (4 events) and {@code case-b} (3 events). */
    static LedgerStoreFixture withTwoCases() throws SQLException {
        LedgerStoreFixture store = new LedgerStoreFixture();
        store.appendCase("case-a", 4);
        store.appendCase("case-b", 3);
        return store;
    }

    /** One column of a stored event row. */
    Object column(String caseId, long sequence, String column) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT " + column + " FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            q.setString(1, caseId);
            q.setLong(2, sequence);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    /** A domain event of {@code caseId} at {@code sequence}, {@code sequence} minutes after {@link #T0}. */
    static DomainEventMessage<Note> event(String caseId, long sequence, String text) {
        return new GenericDomainEventMessage<>("Case", caseId, sequence, new Note(text),
                Map.of("traceId", "t-" + caseId, "correlationId", "c-" + sequence), UUID.randomUUID().toString(),
                T0.plusSeconds(60 * sequence));
    }

    /** Appends the events in one batch, as one Axon append does. */
    void append(List<? extends DomainEventMessage<?>> events) throws SQLException {
        try (PreparedStatement insert = append.build(connection, new EventSchema(), byte[].class, events, serializer,
                (ps, i, t) -> ps.setString(i, DateTimeUtils.formatInstant(t)))) {
            insert.executeBatch();
        }
    }

    /** Appends {@code count} events to a new case (sequences 0..count-1), one batch per event. */
    void appendCase(String caseId, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            append(List.of(event(caseId, i, caseId + " step " + i)));
        }
    }

    /** A row inserted without a hash, as before the ledger existed (or by someone writing the table directly). */
    void insertUnhashed(String caseId, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                + "metaData) VALUES (?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, caseId);
            insert.setLong(3, sequence);
            insert.setString(4, "Case");
            insert.setString(5, DateTimeUtils.formatInstant(T0));
            insert.setString(6, Note.class.getName());
            insert.setString(7, null);
            insert.setBytes(8, "{\"text\":\"legacy\"}".getBytes());
            insert.setBytes(9, "{\"traceId\":\"legacy\"}".getBytes());
            insert.executeUpdate();
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Swaps two events' sequence numbers (through a free one: the pair is unique). */
    void swapSequences(String caseId, long a, long b) throws SQLException {
        String sql = "UPDATE DomainEventEntry SET sequenceNumber = ? WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber = ?";
        update(sql, -1L, caseId, a);
        update(sql, a, caseId, b);
        update(sql, b, caseId, -1L);
    }

    CaseVerification verify(String caseId) throws SQLException {
        return LedgerVerifier.verifyCase(connection, caseId, -1).verification();
    }

    StoreVerification verifyStore(LedgerSigningKey key, List<CaseVerification> broken) throws SQLException {
        return LedgerVerifier.verifyStore(connection, key.publicKey(), broken::add);
    }

    StoreVerification verifyStore(LedgerSigningKey key) throws SQLException {
        return verifyStore(key, new ArrayList<>());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
