package org.weimin.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.command.reference.ReferenceCommands.AddOrgUnit;
import org.weimin.command.reference.ReferenceCommands.AddServiceItem;
import org.weimin.command.reference.ReferenceCommands.ChangeOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ChangeServiceItem;
import org.weimin.command.reference.ReferenceCommands.DeactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.DeactivateServiceItem;
import org.weimin.command.reference.ReferenceCommands.DeployReferenceFiles;
import org.weimin.command.reference.ReferenceCommands.ReactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ReactivateServiceItem;
import org.weimin.events.DomainException;
import org.weimin.events.reference.OrgUnitAdded;
import org.weimin.events.reference.OrgUnitChanged;
import org.weimin.events.reference.OrgUnitDeactivated;
import org.weimin.events.reference.OrgUnitReactivated;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.events.reference.ReferenceModel;
import org.weimin.events.reference.ServiceItemAdded;
import org.weimin.events.reference.ServiceItemChanged;
import org.weimin.events.reference.ServiceItemDeactivated;
import org.weimin.events.reference.ServiceItemReactivated;

/**
 * The deployment's reference data (issue 7: "reference-data changes are themselves events"): one aggregate
 * ({@link ReferenceEvent#REFERENCE_DATA_ID}) whose state is the {@link ReferenceModel} folded from its events. Each
 * command is guarded by {@link ReferenceModel#accept} (the rules live with the model in {@code events}) and then
 * applied; a broken rule is a {@link DomainException} and records nothing. Handlers return the revision (the stream's
 * sequence number) after the change. The shipped files are the seed: {@link DeployReferenceFiles} records their
 * difference to the files applied last, or nothing when they are unchanged.
 */
@Aggregate
public class ReferenceData {
    @AggregateIdentifier
    private String referenceId;
    private ReferenceModel model = ReferenceModel.empty();

    protected ReferenceData() {
    }

    /** @return the revision after it; unchanged when the files bring nothing new */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DeployReferenceFiles command) {
        model.deployment(command.source(), command.contentHash(), command.units(), command.items(), command.actor(),
                command.at()).ifPresent(this::record);
        return model.revision();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(AddOrgUnit c) {
        return record(new OrgUnitAdded(c.unit(), c.name(), c.kind(), c.parent(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ChangeOrgUnit c) {
        return record(new OrgUnitChanged(c.unit(), c.name(), c.kind(), c.parent(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DeactivateOrgUnit c) {
        return record(new OrgUnitDeactivated(c.unit(), c.reason(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReactivateOrgUnit c) {
        return record(new OrgUnitReactivated(c.unit(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(AddServiceItem c) {
        return record(new ServiceItemAdded(c.serviceItem(), c.name(), c.department(), c.limitWorkingDays(),
                c.materials(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ChangeServiceItem c) {
        return record(new ServiceItemChanged(c.serviceItem(), c.name(), c.department(), c.limitWorkingDays(),
                c.materials(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DeactivateServiceItem c) {
        return record(new ServiceItemDeactivated(c.serviceItem(), c.reason(), c.actor(), c.at(), c.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReactivateServiceItem c) {
        return record(new ServiceItemReactivated(c.serviceItem(), c.actor(), c.at(), c.at()));
    }

    /** Guard, then apply. @throws DomainException when the change breaks a rule (nothing is recorded) */
    private long record(ReferenceEvent change) {
        model.accept(change);
        apply(change);
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(ReferenceEvent event) {
        referenceId = ReferenceEvent.REFERENCE_DATA_ID;
        model = model.replay(event);
    }
}
