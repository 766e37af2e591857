package org.weimin.ops.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test side of "every acknowledged command's events are in the store exactly once" (issue 8), read straight from
 * the H2 event store of a stopped application ({@link EventStoreFile}); shared by DurabilityIT and FaultSuiteIT.
 */
public final class AcknowledgedEvents {
    private AcknowledgedEvents() {
    }

    /**
     * An acknowledged command: the reply's sequence and the payload types of the events it appended, the last at
     * {@code sequence} (a notice with a breach, a bad grade: two events). {@code launch}: which start of the
     * application acknowledged it.
     */
    public record Ack(String caseId, String command, long sequence, List<String> types, int launch) {
    }

    /** What {@link #check} found: the problems, and every aggregate's payload types by sequence. */
    public record Result(List<String> problems, Map<String, List<String>> stored, long maxGlobalIndex) {
    }

    /**
     * Checks the store against the acknowledgements: no aggregate has a sequence number twice and every aggregate's
     * sequence numbers run 0..n-1; the event table's indexes agree with its rows; no sequence was acknowledged twice;
     * every acknowledged command (and every one a probe found applied after it failed in flight) has exactly its
     * event types at its sequences; a case has at least as many events as acknowledged commands.
     *
     * @param acknowledged commands acknowledged with 2xx
     * @param foundApplied commands whose request failed in flight but which a later probe found applied
     */
    public static Result check(EventStoreFile store, Collection<Ack> acknowledged, Collection<Ack> foundApplied) {
        List<String> problems = new ArrayList<>();
        store.jdbc().query("SELECT aggregateIdentifier, sequenceNumber, COUNT(*) AS n FROM DomainEventEntry "
                        + "GROUP BY aggregateIdentifier, sequenceNumber HAVING COUNT(*) > 1",
                rs -> {
                    problems.add(rs.getString(1) + ": sequence " + rs.getLong(2) + " stored " + rs.getLong(3)
                            + " times");
                });
        Long max = store.jdbc().queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        store.indexProblems().forEach(p -> problems.add("(index): " + p));
        // Read in primary-key order (no secondary index involved), then per case by sequence.
        Map<String, TreeMap<Long, String>> bySequence = new HashMap<>();
        store.jdbc().query("SELECT aggregateIdentifier, sequenceNumber, payloadType FROM DomainEventEntry "
                + "ORDER BY globalIndex", rs -> {
            bySequence.computeIfAbsent(rs.getString(1), id -> new TreeMap<>()).put(rs.getLong(2), rs.getString(3));
        });
        Map<String, List<String>> stored = new HashMap<>();
        bySequence.forEach((caseId, events) -> {
            List<String> types = new ArrayList<>();
            events.forEach((sequence, type) -> {
                if (sequence != types.size()) {
                    problems.add(caseId + ": sequence " + sequence + " after " + types.size() + " events");
                }
                types.add(type);
            });
            stored.put(caseId, types);
        });

        Map<String, TreeMap<Long, Ack>> acksByCase = new HashMap<>();
        for (Ack ack : acknowledged) {
            Ack twice = acksByCase.computeIfAbsent(ack.caseId(), id -> new TreeMap<>()).put(ack.sequence(), ack);
            if (twice != null) {
                problems.add(ack.caseId() + ": sequence " + ack.sequence() + " acknowledged twice ("
                        + twice.command() + ", " + ack.command() + ")");
            }
        }
        for (Collection<Ack> known : List.of(acknowledged, foundApplied)) {
            String what = known == acknowledged ? "acknowledged" : "found applied after failing in flight";
            for (Ack ack : known) {
                List<String> types = stored.getOrDefault(ack.caseId(), List.of());
                for (int i = 0; i < ack.types().size(); i++) {
                    long sequence = ack.sequence() - (ack.types().size() - 1 - i);
                    String found = sequence >= 0 && sequence < types.size() ? types.get((int) sequence) : "nothing";
                    if (!ack.types().get(i).equals(found)) {
                        problems.add(ack.caseId() + ": '" + ack.command() + "' " + what + " at " + ack.sequence()
                                + " (launch " + ack.launch() + "), at " + sequence + " the store has " + found
                                + " instead of " + ack.types().get(i));
                    }
                }
            }
        }
        acksByCase.forEach((caseId, acks) -> {
            List<String> types = stored.getOrDefault(caseId, List.of());
            long lastAcknowledged = acks.lastKey();
            if (types.size() < acks.size() || types.size() <= lastAcknowledged) {
                problems.add(caseId + ": " + types.size() + " events for " + acks.size()
                        + " acknowledged commands up to sequence " + lastAcknowledged);
            }
        });
        return new Result(problems, stored, max == null ? -1 : max);
    }
}
