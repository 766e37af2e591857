package org.weimin.ops.ledger;

/**
 * Where a case's chain first breaks.
 *
 * @param sequence    the sequence number at which the stored events stop matching (for a missing event: the
 *                    sequence expected there)
 * @param globalIndex the global index of the stored row found at that point
 * @param reason      what does not match, in words
 */
public record BrokenLink(long sequence, long globalIndex, String reason) {
}
