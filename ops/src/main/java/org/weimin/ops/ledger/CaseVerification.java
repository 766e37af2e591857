package org.weimin.ops.ledger;

/**
 * The outcome of walking one case's chain ({@link CaseChain}).
 *
 * @param caseId          the aggregate identifier
 * @param events          stored events of the case
 * @param hashedEvents    events minus the legacy ones: all carry a hash when verified (after a broken link the
 *                        rest are counted, not inspected)
 * @param unhashedEvents  legacy events before the chain started (appended before the ledger existed)
 * @param verified        true when no link is broken
 * @param firstBrokenLink null when verified
 */
public record CaseVerification(String caseId, long events, long hashedEvents, long unhashedEvents, boolean verified,
                               BrokenLink firstBrokenLink) {
}
