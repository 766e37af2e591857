package org.weimin.ops.ledger;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * The digest a checkpoint signs: over every case that has events at or below the checkpoint's head global index, in
 * the order the store lists aggregate identifiers ({@code ORDER BY aggregateIdentifier}), SHA-256 over, per case:
 * field(aggregate identifier), the sequence number of its last event at or below the head (8 bytes big-endian), and
 * field(that event's stored {@value LedgerHash#METADATA_KEY} as 32 bytes, or SQL NULL for a legacy event); fields as
 * in {@link LedgerHash}. Since each hash chains back to the case's first event, the digest fixes every hashed event at
 * or below the head. Alongside: the number of events and of cases at or below the head.
 *
 * <p>Feed rows ordered by aggregate identifier, then sequence number; rows above the head are ignored.
 */
final class StoreDigest {
    private final long head;
    private final MessageDigest sha = LedgerHash.sha256();
    private String currentCase;
    private long lastSequence;
    private byte[] lastMetadata;
    private boolean pending;
    private long events;
    private long cases;

    StoreDigest(long head) {
        this.head = head;
    }

    /** One stored row: its case, sequence number, global index and stored metadata (parsed only for a case's last). */
    void accept(String caseId, long sequence, long globalIndex, byte[] metadata) {
        if (globalIndex > head) {
            return;
        }
        if (!caseId.equals(currentCase)) {
            flush();
            currentCase = caseId;
            cases++;
        }
        events++;
        lastSequence = sequence;
        lastMetadata = metadata;
        pending = true;
    }

    /** Ends the stream; returns (digest, events, cases). */
    Result finish() {
        flush();
        return new Result(LedgerHash.hex(sha.digest()), events, cases);
    }

    private void flush() {
        if (!pending) {
            return;
        }
        LedgerHash.field(sha, currentCase);
        sha.update(ByteBuffer.allocate(8).putLong(lastSequence).array());
        byte[] hash;
        try {
            hash = LedgerHash.storedHash(LedgerHash.parseMetadata(lastMetadata));
        } catch (IllegalArgumentException unreadable) {
            hash = new byte[0]; // differs from any signed state
        }
        LedgerHash.field(sha, hash);
        pending = false;
    }

    /** The digest (hex), the number of events and of cases at or below the head. */
    record Result(String digest, long events, long cases) {
    }
}
