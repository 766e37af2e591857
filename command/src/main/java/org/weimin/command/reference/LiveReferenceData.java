package org.weimin.command.reference;

import java.util.concurrent.atomic.AtomicReference;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.org.OrgTree;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.events.reference.ReferenceModel;

/**
 * The application's reference data in force: a {@link ReferenceModel} swapped atomically when a change is recorded
 * ({@link ReferenceDataListener}), behind an {@link OrgTree} and a {@link ServiceCatalogue} whose every query reads
 * the snapshot in force. Those two are the beans the rest of the application injects, so every consumer sees a change
 * on this node as soon as its command returns. Cases already recorded keep the unit and item values their events
 * carry.
 *
 * <p>Other nodes on a shared store (issue 8) fold the change in within a round of their follower
 * ({@code org.weimin.ops.nodes.StreamFollower}, every 2 s by default), through {@link #apply}.
 */
public class LiveReferenceData {
    private final AtomicReference<ReferenceModel> current;
    private final OrgTree orgTree = new OrgTree() {
        @Override
        protected OrgTree snapshot() {
            return current.get().tree();
        }
    };
    private final ServiceCatalogue catalogue = new ServiceCatalogue() {
        @Override
        protected ServiceCatalogue snapshot() {
            return current.get().catalogue();
        }
    };

    /** @param initial a model with a tree (not {@link ReferenceModel#empty()}) */
    public LiveReferenceData(ReferenceModel initial) {
        if (initial.isEmpty()) {
            throw new IllegalArgumentException("the live reference data starts from a seeded model");
        }
        this.current = new AtomicReference<>(initial);
    }

    /** The model in force. */
    public ReferenceModel model() {
        return current.get();
    }

    /** Replaces the model (the start-up replay of the recorded stream). */
    public void replace(ReferenceModel model) {
        if (model.isEmpty()) {
            throw new IllegalArgumentException("an empty model has no tree");
        }
        current.set(model);
    }

    /**
     * Folds a recorded event in; an event at or below the revision in force is ignored (seen already, e.g. the seed
     * that the initial model was built from).
     */
    public void apply(ReferenceEvent event, long sequence) {
        current.updateAndGet(model -> sequence <= model.revision() ? model : model.replay(event));
    }

    /** The live org tree (the bean of type {@link OrgTree}). */
    public OrgTree orgTree() {
        return orgTree;
    }

    /** The live service catalogue (the bean of type {@link ServiceCatalogue}). */
    public ServiceCatalogue catalogue() {
        return catalogue;
    }
}
