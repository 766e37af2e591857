package org.weimin.events.reference;

import java.time.Instant;
import org.weimin.events.Actor;

/**
 * Events of the deployment's reference data (issue 7: "reference-data changes are themselves events"): the org tree
 * and the service catalogue, all in one stream ({@link #REFERENCE_DATA_ID}). The live model is the fold of this
 * stream ({@link ReferenceModel#replay}). They hold no personal data. Sealed so that tests can list every type (each
 * has a golden JSON file).
 */
public sealed interface ReferenceEvent permits ReferenceFilesDeployed, OrgUnitAdded, OrgUnitChanged,
        OrgUnitDeactivated, OrgUnitReactivated, ServiceItemAdded, ServiceItemChanged, ServiceItemDeactivated,
        ServiceItemReactivated {
    /** The one reference-data stream of a deployment (aggregate id). */
    String REFERENCE_DATA_ID = "reference-data";

    /** Who made the change: a staff administrator, or the system ({@code deployment}) for shipped files. */
    Actor actor();

    /** When it was recorded. */
    Instant recordedAt();
}
