package org.weimin.ops.ledger;

/**
 * The outcome of verifying the whole store ({@link LedgerVerifier#verifyStore}).
 *
 * @param events                    stored events
 * @param cases                     aggregates
 * @param unhashedEvents            legacy events before their case's chain starts
 * @param brokenCases               cases with a broken link (each reported on its own)
 * @param checkpoints               checkpoints in the table
 * @param badSignatures             checkpoints whose signature or key id does not verify; null: not checked (no key)
 * @param checkpointsOutOfOrder     checkpoints whose head or event count is lower than the one before
 * @param latestCheckpoint          the newest checkpoint, or null
 * @param latestCheckpointMismatch  why the store does not match the newest checkpoint; null when it does (or none)
 */
public record StoreVerification(long events, long cases, long unhashedEvents, long brokenCases, long checkpoints,
                                Long badSignatures, long checkpointsOutOfOrder, Checkpoint latestCheckpoint,
                                String latestCheckpointMismatch) {

    /** True when every chain holds, every checked signature verifies and the newest checkpoint matches. */
    public boolean verified() {
        return brokenCases == 0 && (badSignatures == null || badSignatures == 0) && checkpointsOutOfOrder == 0
                && latestCheckpointMismatch == null;
    }
}
