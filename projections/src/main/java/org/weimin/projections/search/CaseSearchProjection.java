package org.weimin.projections.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.weimin.events.CaseId;
import org.weimin.events.cases.CaseEvent;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.projections.cases.CaseHistory;

/**
 * Keeps the case search index ({@link CaseSearchIndex}) up to date: processing group {@value #PROCESSING_GROUP}.
 *
 * <p>Each case touched by a batch of events is folded once from its own event stream (so the document is complete
 * whatever order the batch holds, and a replay yields the same documents), turned into a {@link CaseSearchDocument}
 * and written in one bulk request when the batch commits; the tracking token advances only after that write. When
 * Elasticsearch is down the write throws, the batch is retried with back-off, and the projection catches up
 * without losing an event once it is back. Documents carry the case's last sequence number as external version,
 * so redelivery, replay and a concurrent rebuild are idempotent and order-safe.
 *
 * <p>While a rebuild runs ({@link CaseSearchRebuild}), every batch is also written to the index being rebuilt, so
 * that the new index misses nothing that happens during the rebuild.
 */
@ProcessingGroup(CaseSearchProjection.PROCESSING_GROUP)
public class CaseSearchProjection {
    public static final String PROCESSING_GROUP = "case-search";
    private static final String BATCH = CaseSearchProjection.class.getName() + ".batch";

    private final CaseSearchIndex index;
    private final CaseHistory history;
    private final CaseSearchDocuments documents;
    private final PersonalDataVault vault;
    private final Clock clock;
    private volatile boolean rebuilding;

    public CaseSearchProjection(CaseSearchIndex index, CaseHistory history, CaseSearchDocuments documents,
                                PersonalDataVault vault, Clock clock) {
        this.index = index;
        this.history = history;
        this.documents = documents;
        this.vault = vault;
        this.clock = clock;
    }

    @EventHandler
    void on(CaseEvent event, @SequenceNumber long sequence) {
        Map<String, CaseSearchDocument> batch = batch();
        CaseSearchDocument done = batch.get(event.caseId().value());
        if (done != null && done.lastSequence() >= sequence) {
            return; // this event was already part of the fold
        }
        document(event.caseId()).ifPresent(doc -> batch.put(doc.caseId(), doc));
    }

    /** The document for one case, folded from all its events now; empty when the case has no events. */
    public java.util.Optional<CaseSearchDocument> document(CaseId caseId) {
        return history.current(caseId, clock.instant()).map(folded -> {
            String name = folded.receipt() == null || folded.receipt().applicant().name() == null ? null
                    : vault.open(folded.receipt().applicant().name()).orElse(null);
            return documents.from(folded.view(), name, clock.instant());
        });
    }

    /** Called by a rebuild: from now on until {@link #rebuildFinished()}, batches also go to the rebuild alias. */
    void rebuildStarted() {
        rebuilding = true;
    }

    void rebuildFinished() {
        rebuilding = false;
    }

    /** The aliases a write goes to now. */
    List<String> targets() {
        List<String> targets = new ArrayList<>(2);
        targets.add(index.alias());
        if (rebuilding) {
            targets.add(index.rebuildAlias());
        }
        return targets;
    }

    private Map<String, CaseSearchDocument> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Map<String, CaseSearchDocument> batch = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> index.write(List.copyOf(batch.values()), targets()));
            return batch;
        });
    }
}
