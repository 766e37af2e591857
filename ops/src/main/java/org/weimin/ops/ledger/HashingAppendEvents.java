package org.weimin.ops.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's append statement with the ledger hash: for each event, serializes payload and metadata once, computes
 * {@link LedgerHash} chained to the previous event of the same aggregate (earlier in this batch, else the stored event
 * with sequence n-1, read on the append's own connection, i.e. in its transaction) and stores it as metadata
 * {@value LedgerHash#METADATA_KEY}. The insert is Axon's default one (same columns, same batch). Requires byte arrays
 * as the storage data type (the event table's VARBINARY columns) and a textual timestamp column, which it writes
 * itself in Axon's format so that the stored text is exactly the hashed text.
 */
public final class HashingAppendEvents implements AppendEventsStatementBuilder {
    private final LedgerAppendGate gate;

    public HashingAppendEvents(LedgerAppendGate gate) {
        this.gate = gate;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class) {
            throw new IllegalStateException("the ledger needs byte[] as the event storage data type, not " + dataType);
        }
        gate.enterAppend();
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ") VALUES (?,?,?,?,?,?,?,?,?)";
        PreparedStatement insert = connection.prepareStatement(sql);
        Map<String, Head> heads = new HashMap<>();
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> meta = serializer.serialize(
                    event.getMetaData().withoutKeys(Set.of(LedgerHash.METADATA_KEY)), byte[].class);
            ObjectNode metadata = LedgerHash.parseMetadata(meta.getData());
            String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
            LedgerHash.Row row = new LedgerHash.Row(event.getIdentifier(), event.getType(),
                    event.getAggregateIdentifier(), event.getSequenceNumber(), timestamp,
                    payload.getType().getName(), payload.getType().getRevision(), payload.getData(), null);
            Head head = heads.get(row.aggregateIdentifier());
            byte[] previous = head != null && head.sequence == row.sequenceNumber() - 1 ? head.hash
                    : storedPrevious(connection, schema, row.aggregateIdentifier(), row.sequenceNumber());
            byte[] hash = LedgerHash.hash(previous, row, LedgerHash.canonicalMetadata(metadata));
            heads.put(row.aggregateIdentifier(), new Head(row.sequenceNumber(), hash));
            metadata.put(LedgerHash.METADATA_KEY, LedgerHash.hex(hash));
            insert.setString(1, row.eventIdentifier());
            insert.setString(2, row.aggregateIdentifier());
            insert.setLong(3, row.sequenceNumber());
            insert.setString(4, row.aggregateType());
            insert.setString(5, timestamp);
            insert.setString(6, row.payloadType());
            insert.setString(7, row.payloadRevision());
            insert.setBytes(8, row.payload());
            insert.setBytes(9, json(metadata));
            insert.addBatch();
        }
        return insert;
    }

    /** The stored hash of event {@code sequence - 1} of the aggregate; {@link LedgerHash#GENESIS} if none. */
    static byte[] storedPrevious(Connection connection, EventSchema schema, String aggregate, long sequence)
            throws SQLException {
        if (sequence <= 0) {
            return LedgerHash.GENESIS;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT " + schema.metaDataColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                + schema.sequenceNumberColumn() + " = ?")) {
            query.setString(1, aggregate);
            query.setLong(2, sequence - 1);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return LedgerHash.GENESIS; // a gap: the verifier reports it
                }
                byte[] stored = LedgerHash.storedHash(LedgerHash.parseMetadata(rs.getBytes(1)));
                return stored == null ? LedgerHash.GENESIS : stored;
            }
        }
    }

    private static byte[] json(ObjectNode metadata) {
        try {
            return LedgerHash.JSON.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metadata", e);
        }
    }

    private record Head(long sequence, byte[] hash) {
    }
}
