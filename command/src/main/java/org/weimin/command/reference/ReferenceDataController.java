package org.weimin.command.reference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.command.reference.ReferenceCommands.AddOrgUnit;
import org.weimin.command.reference.ReferenceCommands.AddServiceItem;
import org.weimin.command.reference.ReferenceCommands.ChangeOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ChangeServiceItem;
import org.weimin.command.reference.ReferenceCommands.DeactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.DeactivateServiceItem;
import org.weimin.command.reference.ReferenceCommands.ReactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ReactivateServiceItem;
import org.weimin.events.Actor;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.events.reference.ReferenceModel;

/**
 * {@code /api/admin/reference/...}: administrators manage the org tree and the service catalogue at run time (issue
 * 7). Every change is a {@link ReferenceData} event naming the administrator, checked against the current model
 * first ({@link ReferenceModel#accept}: a broken rule is a 400/409 problem detail with a stable code and nothing is
 * recorded), and in force on this node when the reply is sent. Lists carry the {@code revision} (the reference
 * stream's sequence number) they show; {@code GET .../history} lists every change, the shipped files' included.
 */
@RestController
public class ReferenceDataController {
    /** Ids and codes of new entries: letters, digits, '-' and '_', up to 64 characters. */
    static final String ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    private static final String ID_MESSAGE = "1-64 of A-Z, a-z, 0-9, '-', '_'";

    private final LiveReferenceData live;
    private final CommandGateway commands;
    private final EventStore events;
    private final Clock clock;

    public ReferenceDataController(LiveReferenceData live, CommandGateway commands, EventStore events, Clock clock) {
        this.live = live;
        this.commands = commands;
        this.events = events;
        this.clock = clock;
    }

    /** A new org unit. */
    public record NewOrgUnit(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                             @NotBlank @Size(max = 200) String name, @NotNull OrgUnitKind kind,
                             @NotBlank @Size(max = 64) String parent) {
    }

    /** A change of an org unit: the fields given change, the others stay; at least one. */
    public record OrgUnitChange(@Size(min = 1, max = 200) String name, OrgUnitKind kind,
                                @Size(min = 1, max = 64) String parent) {
    }

    /** A new service item; materials in the order a notice lists them (codes unique). */
    public record NewServiceItem(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String code,
                                 @NotBlank @Size(max = 200) String name,
                                 @NotBlank @Size(max = 64) String department,
                                 @Min(1) @Max(ReferenceModel.MAX_LIMIT_WORKING_DAYS) int limitWorkingDays,
                                 @NotNull @Size(max = 50) List<@Valid @NotNull MaterialEntry> materials) {
    }

    /** A change of a service item: the fields given change, the others stay; at least one. */
    public record ServiceItemChange(@Size(min = 1, max = 200) String name, @Size(min = 1, max = 64) String department,
                                    @Min(1) @Max(ReferenceModel.MAX_LIMIT_WORKING_DAYS) Integer limitWorkingDays,
                                    @Size(max = 50) List<@Valid @NotNull MaterialEntry> materials) {
    }

    /** A required material: its code (used in one-time notices) and name. */
    public record MaterialEntry(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name) {
        Material toMaterial() {
            return new Material(code, name);
        }
    }

    /** Why an org unit is closed or a service item withdrawn (no personal data). */
    public record Deactivation(@NotBlank @Size(max = 500) String reason) {
    }

    /** The org tree in force. */
    public record OrgUnits(long revision, List<OrgUnit> units) {
    }

    /** The catalogue in force. */
    public record ServiceItems(long revision, List<ServiceItem> items) {
    }

    /** An org unit after a change, and the revision that recorded it. */
    public record OrgUnitReply(long revision, OrgUnit unit) {
    }

    /** A service item after a change, and the revision that recorded it. */
    public record ServiceItemReply(long revision, ServiceItem item) {
    }

    /** One recorded change: who, when, what (the event's own fields). */
    public record HistoryEntry(long revision, String type, Actor actor, Instant recordedAt, Object change) {
    }

    @GetMapping("/api/admin/reference/org-units")
    public OrgUnits orgUnits(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        ReferenceModel model = live.model();
        return new OrgUnits(model.revision(), List.copyOf(model.tree().all()));
    }

    /** 201; 400 {@code REFERENCE_ALREADY_EXISTS}, {@code UNKNOWN_ORG_UNIT}, {@code INACTIVE_REFERENCE} (parent). */
    @PostMapping("/api/admin/reference/org-units")
    @ResponseStatus(HttpStatus.CREATED)
    public OrgUnitReply addOrgUnit(StaffMember admin, @Valid @RequestBody NewOrgUnit request) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        UnitId id = UnitId.of(request.id());
        long revision = send(new AddOrgUnit(ReferenceEvent.REFERENCE_DATA_ID, id, request.name(), request.kind(),
                UnitId.of(request.parent()), admin.asActor(), clock.instant()));
        return new OrgUnitReply(revision, live.orgTree().require(id));
    }

    /** Rename, move, re-kind. 400 {@code UNKNOWN_ORG_UNIT}, {@code ORG_TREE_CYCLE}, {@code REFERENCE_IN_USE}. */
    @PostMapping("/api/admin/reference/org-units/{unit}")
    public OrgUnitReply changeOrgUnit(StaffMember admin, @PathVariable String unit,
                                      @Valid @RequestBody OrgUnitChange request) {
        if (request.name() == null && request.kind() == null && request.parent() == null) {
            throw nothingToChange("name, kind, parent");
        }
        return changeUnit(admin, unit, (now, at) -> new ChangeOrgUnit(ReferenceEvent.REFERENCE_DATA_ID, now.id(),
                request.name() == null ? now.name() : request.name(),
                request.kind() == null ? now.kind() : request.kind(),
                request.parent() == null ? now.parent() : UnitId.of(request.parent()), admin.asActor(), at));
    }

    /** Close: no new cases or forwards. 400 {@code REFERENCE_IN_USE}; 409 {@code REFERENCE_STATE_UNCHANGED}. */
    @PostMapping("/api/admin/reference/org-units/{unit}/deactivate")
    public OrgUnitReply deactivateOrgUnit(StaffMember admin, @PathVariable String unit,
                                          @Valid @RequestBody Deactivation request) {
        return changeUnit(admin, unit, (now, at) -> new DeactivateOrgUnit(ReferenceEvent.REFERENCE_DATA_ID, now.id(),
                request.reason(), admin.asActor(), at));
    }

    /** Reopen. 400 {@code INACTIVE_REFERENCE} (closed parent); 409 {@code REFERENCE_STATE_UNCHANGED}. */
    @PostMapping("/api/admin/reference/org-units/{unit}/reactivate")
    public OrgUnitReply reactivateOrgUnit(StaffMember admin, @PathVariable String unit) {
        return changeUnit(admin, unit, (now, at) -> new ReactivateOrgUnit(ReferenceEvent.REFERENCE_DATA_ID, now.id(),
                admin.asActor(), at));
    }

    @GetMapping("/api/admin/reference/service-items")
    public ServiceItems serviceItems(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        ReferenceModel model = live.model();
        return new ServiceItems(model.revision(), List.copyOf(model.catalogue().all()));
    }

    /** 201; 400 {@code REFERENCE_ALREADY_EXISTS}, {@code NOT_AN_ACTIVE_LINE_DEPARTMENT}, {@code VALIDATION_FAILED}. */
    @PostMapping("/api/admin/reference/service-items")
    @ResponseStatus(HttpStatus.CREATED)
    public ServiceItemReply addServiceItem(StaffMember admin, @Valid @RequestBody NewServiceItem request) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        ServiceItemCode code = ServiceItemCode.of(request.code());
        long revision = send(new AddServiceItem(ReferenceEvent.REFERENCE_DATA_ID, code, request.name(),
                UnitId.of(request.department()), request.limitWorkingDays(), materials(request.materials()),
                admin.asActor(), clock.instant()));
        return new ServiceItemReply(revision, live.catalogue().require(code));
    }

    /**
     * Name, department, limit, materials. Cases received before keep their limit and deadline; a notice on such a case
     * can list only the item's materials in force. 400 {@code UNKNOWN_SERVICE_ITEM},
     * {@code NOT_AN_ACTIVE_LINE_DEPARTMENT}, {@code VALIDATION_FAILED}.
     */
    @PostMapping("/api/admin/reference/service-items/{code}")
    public ServiceItemReply changeServiceItem(StaffMember admin, @PathVariable String code,
                                              @Valid @RequestBody ServiceItemChange request) {
        if (request.name() == null && request.department() == null && request.limitWorkingDays() == null
                && request.materials() == null) {
            throw nothingToChange("name, department, limitWorkingDays, materials");
        }
        return changeItem(admin, code, (now, at) -> new ChangeServiceItem(ReferenceEvent.REFERENCE_DATA_ID,
                now.code(), request.name() == null ? now.name() : request.name(),
                request.department() == null ? now.department() : UnitId.of(request.department()),
                request.limitWorkingDays() == null ? now.limitWorkingDays() : request.limitWorkingDays(),
                request.materials() == null ? now.materials() : materials(request.materials()), admin.asActor(), at));
    }

    /** Withdraw: no new cases. 409 {@code REFERENCE_STATE_UNCHANGED}. */
    @PostMapping("/api/admin/reference/service-items/{code}/deactivate")
    public ServiceItemReply deactivateServiceItem(StaffMember admin, @PathVariable String code,
                                                  @Valid @RequestBody Deactivation request) {
        return changeItem(admin, code, (now, at) -> new DeactivateServiceItem(ReferenceEvent.REFERENCE_DATA_ID,
                now.code(), request.reason(), admin.asActor(), at));
    }

    /** Offer again. 400 {@code NOT_AN_ACTIVE_LINE_DEPARTMENT}; 409 {@code REFERENCE_STATE_UNCHANGED}. */
    @PostMapping("/api/admin/reference/service-items/{code}/reactivate")
    public ServiceItemReply reactivateServiceItem(StaffMember admin, @PathVariable String code) {
        return changeItem(admin, code, (now, at) -> new ReactivateServiceItem(ReferenceEvent.REFERENCE_DATA_ID,
                now.code(), admin.asActor(), at));
    }

    /** Every recorded change, oldest first (the seed deployment first, with every shipped entry). */
    @GetMapping("/api/admin/reference/history")
    public List<HistoryEntry> history(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return events.readEvents(ReferenceEvent.REFERENCE_DATA_ID).asStream()
                .filter(m -> m.getPayload() instanceof ReferenceEvent)
                .map(m -> {
                    ReferenceEvent e = (ReferenceEvent) m.getPayload();
                    return new HistoryEntry(m.getSequenceNumber(), m.getPayloadType().getSimpleName(), e.actor(),
                            e.recordedAt(), e);
                })
                .toList();
    }

    /** Sends the command built from the unit in force; the unit after it. @throws DomainException unknown unit */
    private OrgUnitReply changeUnit(StaffMember admin, String unit, BiFunction<OrgUnit, Instant, Object> command) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        OrgUnit now = live.orgTree().require(UnitId.of(unit));
        long revision = send(command.apply(now, clock.instant()));
        return new OrgUnitReply(revision, live.orgTree().require(now.id()));
    }

    /** Sends the command built from the item in force; the item after it. @throws DomainException unknown item */
    private ServiceItemReply changeItem(StaffMember admin, String code,
                                        BiFunction<ServiceItem, Instant, Object> command) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        ServiceItem now = live.catalogue().require(ServiceItemCode.of(code));
        long revision = send(command.apply(now, clock.instant()));
        return new ServiceItemReply(revision, live.catalogue().require(now.code()));
    }

    private long send(Object command) {
        Object revision = commands.sendAndWait(command);
        return ((Number) revision).longValue();
    }

    private static List<Material> materials(List<MaterialEntry> entries) {
        return entries.stream().map(MaterialEntry::toMaterial).toList();
    }

    private static DomainException nothingToChange(String fields) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "Give at least one of " + fields + ".",
                Map.of("body", "at least one of " + fields));
    }
}
