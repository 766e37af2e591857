package org.weimin.ops.consistency;

import java.time.Instant;
import java.util.List;

/**
 * What a consistency check found ({@code GET /api/admin/consistency}, {@code ops/bin/weimin check}).
 *
 * @param consistent         true when every case was compared with both stores and nothing differs, no processor
 *                           lags and none has dead letters
 * @param checkedAt          when the check started
 * @param headIndex          global index of the newest event when the check started (null for an empty store); the
 *                           cases compared are those with events up to it
 * @param cases              cases compared (aggregates of type {@code Case} in the event store)
 * @param readModelDocuments case documents in MongoDB (collection {@code cases})
 * @param searchChecked      whether the search index was compared (false when search is switched off or
 *                           Elasticsearch could not be reached: see {@code searchError})
 * @param searchDocuments    documents behind the search alias; null when not checked
 * @param searchError        why the search index was not compared; null when it was, or when search is off
 * @param processors         the read-model processors at the end of the check
 * @param mismatchCount      every mismatch found (after one recheck of the cases that differed)
 * @param mismatches         the first {@code limit} of them, by case id
 * @param millis             how long the check took
 */
public record ConsistencyReport(boolean consistent, Instant checkedAt, Long headIndex, long cases,
                                long readModelDocuments, boolean searchChecked, Long searchDocuments,
                                String searchError, List<ProcessorLag> processors, long mismatchCount,
                                List<Mismatch> mismatches, long millis) {

    /**
     * A read-model processor's distance from the head.
     *
     * @param group       processing group
     * @param lagEvents   head index minus the processor's position (0: caught up); null when it has no position
     * @param deadLetters events it parked; null when it has no dead-letter queue
     */
    public record ProcessorLag(String group, Long lagEvents, Long deadLetters) {
        boolean clean() {
            return lagEvents != null && lagEvents == 0 && (deadLetters == null || deadLetters == 0);
        }
    }
}
