package org.weimin.command.reference;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * Commands on the deployment's reference data ({@link ReferenceData}); {@code referenceId} is always
 * {@link org.weimin.events.reference.ReferenceEvent#REFERENCE_DATA_ID}. Times come with the command ({@code at}: both
 * business and recording time); the aggregate reads no clock. Each is checked by
 * {@link org.weimin.events.reference.ReferenceModel#accept} against the current model.
 */
public final class ReferenceCommands {
    private ReferenceCommands() {
    }

    /** Apply the shipped files (start-up); records their difference to the files applied last, or nothing. */
    public record DeployReferenceFiles(@TargetAggregateIdentifier String referenceId, String source,
                                       String contentHash, List<OrgUnit> units, List<ServiceItem> items, Actor actor,
                                       Instant at) {
    }

    /** Add an org unit under {@code parent}. */
    public record AddOrgUnit(@TargetAggregateIdentifier String referenceId, UnitId unit, String name,
                             OrgUnitKind kind, UnitId parent, Actor actor, Instant at) {
    }

    /** Rename, move or re-kind an org unit: all three values after the change. */
    public record ChangeOrgUnit(@TargetAggregateIdentifier String referenceId, UnitId unit, String name,
                                OrgUnitKind kind, UnitId parent, Actor actor, Instant at) {
    }

    /** Close an org unit (it stays known). */
    public record DeactivateOrgUnit(@TargetAggregateIdentifier String referenceId, UnitId unit, String reason,
                                    Actor actor, Instant at) {
    }

    /** Reopen a closed org unit. */
    public record ReactivateOrgUnit(@TargetAggregateIdentifier String referenceId, UnitId unit, Actor actor,
                                    Instant at) {
    }

    /** Add a service item. */
    public record AddServiceItem(@TargetAggregateIdentifier String referenceId, ServiceItemCode serviceItem,
                                 String name, UnitId department, int limitWorkingDays, List<Material> materials,
                                 Actor actor, Instant at) {
    }

    /** Change a service item: all its values after the change. */
    public record ChangeServiceItem(@TargetAggregateIdentifier String referenceId, ServiceItemCode serviceItem,
                                    String name, UnitId department, int limitWorkingDays, List<Material> materials,
                                    Actor actor, Instant at) {
    }

    /** Withdraw a service item (it stays known). */
    public record DeactivateServiceItem(@TargetAggregateIdentifier String referenceId, ServiceItemCode serviceItem,
                                        String reason, Actor actor, Instant at) {
    }

    /** Offer a withdrawn service item again. */
    public record ReactivateServiceItem(@TargetAggregateIdentifier String referenceId, ServiceItemCode serviceItem,
                                        Actor actor, Instant at) {
    }
}
