package org.weimin.ops.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Walks one case's stored events in sequence order and finds the first broken link. Rules:
 * <ul>
 *   <li>sequence numbers run 0, 1, 2, ... without gaps or repeats (a gap: events deleted);</li>
 *   <li>global indexes grow with the sequence number (rows were not reordered);</li>
 *   <li>events without a hash (appended before the ledger existed) are legacy and allowed only before the first
 *       hashed event; one after it is reported (an inserted row);</li>
 *   <li>each hashed event's stored hash equals {@link LedgerHash#hash} over its stored row, chained to the
 *       previous event's stored hash (zeros after a legacy event or at sequence 0).</li>
 * </ul>
 * Only the first break is reported; later events are counted. Not thread-safe.
 */
final class CaseChain {
    private final String caseId;
    private long expected;
    private long previousIndex = Long.MIN_VALUE;
    private byte[] previousHash = LedgerHash.GENESIS;
    private boolean started;
    private long events;
    private long unhashed;
    private BrokenLink broken;

    CaseChain(String caseId) {
        this.caseId = caseId;
    }

    String caseId() {
        return caseId;
    }

    /** Feeds the next stored row (in sequence order) with its global index. */
    void accept(LedgerHash.Row row, long globalIndex) {
        events++;
        if (broken != null) {
            return;
        }
        if (row.sequenceNumber() != expected) {
            broken = new BrokenLink(expected, globalIndex, row.sequenceNumber() > expected
                    ? "event missing: expected sequence " + expected + ", found " + row.sequenceNumber()
                    : "sequence " + row.sequenceNumber() + " repeated or out of order");
            return;
        }
        if (globalIndex <= previousIndex) {
            broken = new BrokenLink(expected, globalIndex, "global index " + globalIndex
                    + " does not follow the previous event's " + previousIndex + " (rows reordered)");
            return;
        }
        expected++;
        previousIndex = globalIndex;
        byte[] stored;
        ObjectNode metadata;
        try {
            metadata = LedgerHash.parseMetadata(row.metaData());
            stored = LedgerHash.storedHash(metadata);
        } catch (IllegalArgumentException e) {
            broken = new BrokenLink(row.sequenceNumber(), globalIndex, "metadata unreadable: " + e.getMessage());
            return;
        }
        if (stored == null) {
            if (started) {
                broken = new BrokenLink(row.sequenceNumber(), globalIndex,
                        "event without a hash after the chain started (inserted?)");
            } else {
                unhashed++;
                previousHash = LedgerHash.GENESIS;
            }
            return;
        }
        byte[] computed = LedgerHash.hash(previousHash, row, LedgerHash.canonicalMetadata(metadata));
        if (!Arrays.equals(computed, stored)) {
            broken = new BrokenLink(row.sequenceNumber(), globalIndex, "hash mismatch: the event's content, metadata, "
                    + "timestamp or position, or the previous event, changed");
            return;
        }
        started = true;
        previousHash = stored;
    }

    /** The report so far. */
    CaseVerification result() {
        return new CaseVerification(caseId, events, events - unhashed, unhashed, broken == null, broken);
    }
}
