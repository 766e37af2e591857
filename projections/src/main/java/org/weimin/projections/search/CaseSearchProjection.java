package org.weimin.projections.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.events.reference.ReferenceModel;
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
 *
 * <p><b>Org units that move</b> (an {@code OrgUnitChanged} with a new parent, or a deployment of reference files that
 * changes a parent): every indexed case filed under a moved unit is re-filed, so that subtree filters and figure
 * roll-ups follow the move at once (README "Reference data"). The reference data before and after the event is the
 * fold of its recorded stream ({@link ReferenceModel}), so the handler knows a move from a rename whatever the live
 * tree shows; each case under the unit (in the live index, and in the one being rebuilt) is refolded from its events
 * with the paths of the tree as it stood right after the event, and written through the same aliases as every batch.
 * A second scan checks that every document under the unit agrees with that tree and refiles any that does not (up to
 * {@value #REFILE_PASSES} passes, then the batch fails and is retried). In a replay the handler runs in event order
 * over documents folded with today's tree: it files them under the tree of that moment, and each later move of the
 * unit or of an ancestor files them again, so the last move leaves them as today's tree has them (idempotent). Cost:
 * one fold per case under the moved unit; a move of a unit with many cases holds this processor up meanwhile.
 *
 * <p><b>Segments</b> (ops application.yml: two, split between service nodes by the segment balancer; README "Running
 * on more than one machine"): Axon's per-aggregate sequencing keeps each case's events in one segment, and the
 * reference events (one stream) in one segment, whose thread does the re-filing. A case folded in the other segment
 * with the live tree from before a move, and written after the re-filing's last check, keeps the old paths until its
 * next event or a rebuild (a narrow window: README, known limit).
 */
@ProcessingGroup(CaseSearchProjection.PROCESSING_GROUP)
public class CaseSearchProjection {
    public static final String PROCESSING_GROUP = "case-search";
    private static final Logger log = LoggerFactory.getLogger(CaseSearchProjection.class);
    private static final String BATCH = CaseSearchProjection.class.getName() + ".batch";
    /** Verification scans after a re-filing before the batch is failed (and so retried). */
    static final int REFILE_PASSES = 3;
    private static final int REFILE_PAGE = 500;

    private final CaseSearchIndex index;
    private final CaseHistory history;
    private final CaseSearchDocuments documents;
    private final PersonalDataVault vault;
    private final EventStore events;
    private final Clock clock;
    private volatile boolean rebuilding;
    /** The reference data as of the last reference event handled (spares refolding its stream for the next one). */
    private volatile ReferenceAt reference;

    private record ReferenceAt(long sequence, ReferenceModel model) {
    }

    public CaseSearchProjection(CaseSearchIndex index, CaseHistory history, CaseSearchDocuments documents,
                                PersonalDataVault vault, EventStore events, Clock clock) {
        this.index = index;
        this.history = history;
        this.documents = documents;
        this.vault = vault;
        this.events = events;
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

    /**
     * Re-files the cases under every unit that {@code event} moved (see the class comment). A reference event that
     * moves nothing (a rename, a new unit, a closure, a catalogue change) writes nothing.
     *
     * @throws SearchUnavailableException when Elasticsearch is down, or documents still disagree with the tree after
     *                                    {@value #REFILE_PASSES} passes (the batch is retried)
     */
    @EventHandler
    void on(ReferenceEvent event, @SequenceNumber long sequence) {
        ReferenceModel before = referenceBefore(sequence);
        ReferenceModel after = before.replay(event);
        reference = new ReferenceAt(sequence, after);
        Set<UnitId> moved = OrgUnitMoves.moved(before.isEmpty() ? null : before.tree(), after.tree());
        if (moved.isEmpty()) {
            return;
        }
        CaseSearchDocuments filed = documents.withTree(after.tree());
        for (UnitId unit : moved) {
            refile(unit.value(), filed);
        }
    }

    private ReferenceModel referenceBefore(long sequence) {
        ReferenceAt last = reference;
        if (last != null && last.sequence() == sequence - 1) {
            return last.model();
        }
        return ReferenceModel.replayAll(events.readEvents(ReferenceEvent.REFERENCE_DATA_ID).asStream()
                .filter(m -> m.getSequenceNumber() < sequence).map(m -> m.getPayload())
                .filter(ReferenceEvent.class::isInstance).map(ReferenceEvent.class::cast).toList());
    }

    /** Refolds every case filed under {@code unit} with {@code filed}'s tree, then checks; see the class comment. */
    private void refile(String unit, CaseSearchDocuments filed) {
        Map<String, CaseSearchDocument> batch = batch();
        // Folded earlier in this batch and not written yet: the batch's own write must not undo the re-filing.
        for (Map.Entry<String, CaseSearchDocument> entry : batch.entrySet()) {
            if (OrgUnitMoves.filedUnder(entry.getValue(), unit)) {
                document(new CaseId(entry.getKey()), filed).ifPresent(entry::setValue);
            }
        }
        List<String> targets = targets();
        Set<String> refolded = new HashSet<>(batch.keySet());
        for (String alias : targets) {
            index.scanUnder(alias, unit, OrgUnitMoves.PATH_FIELDS, REFILE_PAGE,
                    page -> write(page.stream().map(CaseSearchDocument::caseId).filter(refolded::add)
                            .map(CaseId::new).toList(), filed, targets));
        }
        for (int pass = 1; pass <= REFILE_PASSES; pass++) {
            Set<String> stale = new HashSet<>();
            for (String alias : targets) {
                index.scanUnder(alias, unit, OrgUnitMoves.PATH_FIELDS, REFILE_PAGE, page -> page.stream()
                        .filter(doc -> !batch.containsKey(doc.caseId()))
                        .filter(doc -> !OrgUnitMoves.filedAsIn(doc, unit, filed::path))
                        .forEach(doc -> stale.add(doc.caseId())));
            }
            if (stale.isEmpty()) {
                return;
            }
            log.warn("Re-filing cases under moved org unit {}: {} document(s) still disagree (pass {})", unit,
                    stale.size(), pass);
            write(stale.stream().map(CaseId::new).toList(), filed, targets);
        }
        throw new SearchUnavailableException("Search documents under moved org unit " + unit
                + " still disagree with the org tree after " + REFILE_PASSES + " passes; the batch will be retried");
    }

    private void write(List<CaseId> cases, CaseSearchDocuments filed, List<String> targets) {
        List<CaseSearchDocument> docs = new ArrayList<>(cases.size());
        for (CaseId caseId : cases) {
            document(caseId, filed).ifPresent(docs::add);
        }
        index.write(docs, targets);
    }

    /** The document for one case, folded from all its events now; empty when the case has no events. */
    public java.util.Optional<CaseSearchDocument> document(CaseId caseId) {
        return document(caseId, documents);
    }

    private java.util.Optional<CaseSearchDocument> document(CaseId caseId, CaseSearchDocuments with) {
        return history.current(caseId, clock.instant()).map(folded -> document(folded, with));
    }

    /**
     * The document for a case already folded from all its events (the consistency check folds each case once for
     * both read models): what this projection writes for it now, {@code updatedAt} aside.
     */
    public CaseSearchDocument document(CaseHistory.Folded folded) {
        return document(folded, documents);
    }

    private CaseSearchDocument document(CaseHistory.Folded folded, CaseSearchDocuments with) {
        String name = folded.receipt() == null || folded.receipt().applicant().name() == null ? null
                : vault.open(folded.receipt().applicant().name()).orElse(null);
        return with.from(folded.view(), name, clock.instant());
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
