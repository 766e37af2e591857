package org.weimin.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.events.cases.TrackingNumber;

/**
 * The fast part of {@link StoreFill}: copies cases that were imported through the real command path, under new case
 * ids and tracking numbers, appending the copies through the event storage engine itself in large transactions. So
 * the copies are serialized by the same serializer and carry ledger hashes chained by the same append statement
 * ({@code HashingAppendEvents}) as any event; only the command path (aggregate loading, rules, one transaction per
 * command) is skipped, which is what makes a 1,000,000-event store quick to build.
 *
 * <p>What changes in a copy: the case id (every JSON text value equal to the original's, so the payload's
 * {@code caseId} and references to it), the tracking number (the same way), the event identifiers. What stays: the
 * timestamps, the business times, the sealed personal data (it names the original's data key, {@code case:<id>} or an
 * ID-number key, which stays in the store, so a copy opens to the same masked name), the metadata. Each copy also gets
 * its row in the case directory (tracking number → case, with the original's data key), so lookups find it like any
 * case; since copies share the original's data key, erasing any of them shreds the personal data of the original and
 * of every copy. Only the event table and the directory are written (no other handler of the command path runs, e.g.
 * open cases' timers), so copies of closed cases are the faithful ones. Not for production stores: only for benchmark
 * scratch stores.
 */
public final class CaseCloner {
    private static final String CASE = "Case";
    /** An odd multiplier: counter × it mod 2^50 is a bijection, so tracking numbers of copies never repeat. */
    private static final long SPREAD = 0x2545F4914F6CDDDL | 1L;
    private static final int NUMBER_BITS = 24;
    private static final long NUMBER_MASK = (1L << NUMBER_BITS) - 1;
    private static final long SALT_MASK = (1L << (50 - NUMBER_BITS)) - 1;

    private final EventStorageEngine engine;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final long salt;

    /** @param salt makes this run's tracking numbers differ from an earlier run's on the same store */
    public CaseCloner(EventStorageEngine engine, TransactionManager transactions, Serializer serializer, JdbcTemplate jdbc,
               long salt) {
        this.engine = engine;
        this.transactions = transactions;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.salt = salt;
    }

    /** One original case: its events as stored, its tracking number, and its directory row's key and item. */
    public record Original(String caseId, String trackingNumber, String applicantKey, String serviceItem,
                    List<? extends DomainEventMessage<?>> events) {
    }

    /** Reads an original case back from the store and the case directory. */
    public Original original(String caseId) {
        List<? extends DomainEventMessage<?>> events = engine.readEvents(caseId).asStream().toList();
        Map<String, Object> row = jdbc.queryForMap("SELECT tracking_number, applicant_key_id, service_item "
                + "FROM case_directory WHERE case_id = ?", caseId);
        return new Original(caseId, (String) row.get("tracking_number"), (String) row.get("applicant_key_id"),
                (String) row.get("service_item"), events);
    }

    /**
     * Appends one copy of each original, numbered from {@code firstCopy}, in one transaction.
     *
     * @return events appended
     * @throws org.springframework.dao.DuplicateKeyException when a copy's number was used before with a salt equal
     *         to this one modulo 2^26 (the salt is the time in milliseconds: runs 18.6 hours apart to the millisecond),
     *         or beyond 2^24 copies in one run
     */
    public int copy(List<Original> originals, long firstCopy) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<Object[]> directory = new ArrayList<>();
        long number = firstCopy;
        for (Original original : originals) {
            String caseId = UUID.nameUUIDFromBytes((salt + ":" + number).getBytes()).toString();
            // 26 bits of the salt above 24 bits of the copy's number, spread over the 50 payload bits by an odd
            // multiplier (a bijection): distinct within a run, and across runs unless their salts agree mod 2^26.
            String trackingNumber = TrackingNumber.fromRandomBits(
                    (((salt & SALT_MASK) << NUMBER_BITS) | (number & NUMBER_MASK)) * SPREAD).value();
            number++;
            for (DomainEventMessage<?> event : original.events()) {
                events.add(new GenericDomainEventMessage<>(CASE, caseId, event.getSequenceNumber(),
                        rewrite(event, original, caseId, trackingNumber), event.getMetaData(),
                        UUID.randomUUID().toString(), event.getTimestamp()));
            }
            directory.add(new Object[] {caseId, trackingNumber, original.applicantKey(), original.serviceItem()});
        }
        transactions.executeInTransaction(() -> {
            engine.appendEvents(events);
            jdbc.batchUpdate("INSERT INTO case_directory (case_id, tracking_number, applicant_key_id, service_item) "
                    + "VALUES (?, ?, ?, ?)", directory);
        });
        return events.size();
    }

    private Object rewrite(DomainEventMessage<?> event, Original original, String caseId, String trackingNumber) {
        SerializedObject<byte[]> serialized = event.serializePayload(serializer, byte[].class);
        try {
            JsonNode tree = json.readTree(serialized.getData());
            JsonNode copy = replaceText(tree, Map.of(original.caseId(), caseId, original.trackingNumber(),
                    trackingNumber));
            return serializer.deserialize(new SimpleSerializedObject<>(json.writeValueAsBytes(copy), byte[].class,
                    serialized.getType()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the payload of " + event.getPayloadType().getName(), e);
        }
    }

    /** The tree with every text value that equals a key replaced by its value (object keys are left alone). */
    static JsonNode replaceText(JsonNode node, Map<String, String> replacements) {
        if (node.isTextual()) {
            String replacement = replacements.get(node.textValue());
            return replacement == null ? node : TextNode.valueOf(replacement);
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(replaceText(field.getValue(), replacements));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceText(array.get(i), replacements));
            }
        }
        return node;
    }
}
