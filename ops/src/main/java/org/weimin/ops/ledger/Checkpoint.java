package org.weimin.ops.ledger;

import java.nio.charset.StandardCharsets;

/**
 * A signed statement of the store's state (table {@code ledger_checkpoint}): at {@code createdAt}, the events with a
 * global index up to {@code headIndex} were {@code eventCount} events in {@code caseCount} cases with the
 * {@link StoreDigest} {@code digest}. {@code signature} is Ed25519 (base64) over {@link #signedText()}, by the key
 * whose id ({@link LedgerSigningKey#keyId}) is {@code keyId}.
 *
 * @param id        the table's identity (not signed: its order is checked separately)
 * @param createdAt ISO-8601 instant
 */
public record Checkpoint(long id, String createdAt, long headIndex, long eventCount, long caseCount, String digest,
                         String keyId, String signature) {

    /** The UTF-8 text that is signed: {@code weimin-ledger-checkpoint-v1|createdAt|head|events|cases|digest|keyId}. */
    public byte[] signedText() {
        return signedText(createdAt, headIndex, eventCount, caseCount, digest, keyId);
    }

    static byte[] signedText(String createdAt, long headIndex, long eventCount, long caseCount, String digest,
                             String keyId) {
        return String.join("|", "weimin-ledger-checkpoint-v1", createdAt, Long.toString(headIndex),
                Long.toString(eventCount), Long.toString(caseCount), digest, keyId).getBytes(StandardCharsets.UTF_8);
    }
}
