package org.weimin.events.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.weimin.events.Actor;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * The reference data as the fold of its {@link ReferenceEvent}s: the org tree, the service catalogue, the entries of
 * the reference files deployed last (to diff the next deployment against) and the revision (sequence number of the
 * last event folded in, -1 when nothing is recorded). Immutable: every change returns a new model.
 *
 * <p>{@link #accept} is where the run-time rules of issue 7 live (an administrator's change is checked against the
 * current model; a broken rule is a {@link DomainException} with a stable code and nothing is recorded);
 * {@link #replay} folds a recorded event in without those rules, so history recorded under older rules always
 * replays. {@link #deployment} computes what a new set of shipped files changes.
 *
 * @param tree          null until the seed files are deployed
 * @param catalogue     null until the seed files are deployed
 * @param shippedUnits  the org-unit entries of the files deployed last, by id
 * @param shippedItems  the service-item entries of the files deployed last, by code
 * @param shippedHash   the content hash of the files deployed last, or null
 */
public record ReferenceModel(OrgTree tree, ServiceCatalogue catalogue, Map<UnitId, OrgUnit> shippedUnits,
                             Map<ServiceItemCode, ServiceItem> shippedItems, String shippedHash, long revision) {
    /** Longest time limit a service item may commit to, in working days (statutory limits stay well below). */
    public static final int MAX_LIMIT_WORKING_DAYS = 120;

    public ReferenceModel {
        shippedUnits = Map.copyOf(shippedUnits);
        shippedItems = Map.copyOf(shippedItems);
    }

    /** Nothing recorded yet. */
    public static ReferenceModel empty() {
        return new ReferenceModel(null, null, Map.of(), Map.of(), null, -1);
    }

    /** Whether no seed has been deployed yet (then {@link #tree()} and {@link #catalogue()} are null). */
    public boolean isEmpty() {
        return tree == null;
    }

    // --- the deployment's files ----------------------------------------------------------------------------------

    /**
     * What deploying these files changes: empty when their hash is the one deployed last, or when no entry differs;
     * otherwise the difference against the files deployed last (everything, on an empty model). The result still has
     * to pass {@link #accept}.
     */
    public Optional<ReferenceFilesDeployed> deployment(String source, String contentHash, List<OrgUnit> units,
                                                        List<ServiceItem> items, Actor actor, Instant at) {
        if (contentHash.equals(shippedHash)) {
            return Optional.empty();
        }
        List<OrgUnit> changedUnits = changed(units, shippedUnits, OrgUnit::id);
        List<ServiceItem> changedItems = changed(items, shippedItems, ServiceItem::code);
        List<UnitId> withdrawnUnits = withdrawn(units, shippedUnits, OrgUnit::id);
        List<ServiceItemCode> withdrawnItems = withdrawn(items, shippedItems, ServiceItem::code);
        if (changedUnits.isEmpty() && changedItems.isEmpty() && withdrawnUnits.isEmpty() && withdrawnItems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReferenceFilesDeployed(source, contentHash, changedUnits, changedItems, withdrawnUnits,
                withdrawnItems, actor, at, at));
    }

    private static <K, V> List<V> changed(List<V> entries, Map<K, V> previous, Function<V, K> key) {
        return entries.stream().filter(e -> !e.equals(previous.get(key.apply(e)))).toList();
    }

    private static <K, V> List<K> withdrawn(List<V> entries, Map<K, V> previous, Function<V, K> key) {
        Set<K> now = new HashSet<>();
        entries.forEach(e -> now.add(key.apply(e)));
        return previous.keySet().stream().filter(k -> !now.contains(k)).sorted(java.util.Comparator.comparing(
                Object::toString)).toList();
    }

    // --- run-time rules ----------------------------------------------------------------------------------------------

    /**
     * Checks a change against this model and returns the model after it.
     *
     * @throws DomainException {@code VALIDATION_FAILED} (blank name, no parent, limit out of 1..
     *                         {@value #MAX_LIMIT_WORKING_DAYS}, duplicate material codes, files that do not form one
     *                         tree), {@code UNKNOWN_ORG_UNIT}, {@code UNKNOWN_SERVICE_ITEM},
     *                         {@code REFERENCE_ALREADY_EXISTS}, {@code ORG_TREE_CYCLE}, {@code INACTIVE_REFERENCE}
     *                         (under a closed parent), {@code NOT_AN_ACTIVE_LINE_DEPARTMENT}, {@code REFERENCE_IN_USE},
     *                         {@code REFERENCE_STATE_UNCHANGED}
     */
    public ReferenceModel accept(ReferenceEvent change) {
        if (change instanceof ReferenceFilesDeployed deployed) {
            try {
                return replay(deployed);
            } catch (IllegalArgumentException e) {
                throw invalid("files", "The reference files do not fit the recorded data: " + e.getMessage());
            }
        }
        if (isEmpty()) {
            throw invalid("reference", "No reference data has been deployed yet.");
        }
        if (change instanceof OrgUnitAdded e) {
            checkNewUnit(e);
        } else if (change instanceof OrgUnitChanged e) {
            checkUnitChange(e);
        } else if (change instanceof OrgUnitDeactivated e) {
            checkDeactivation(e.unit());
        } else if (change instanceof OrgUnitReactivated e) {
            checkReactivation(e.unit());
        } else if (change instanceof ServiceItemAdded e) {
            if (catalogue.find(e.serviceItem()).isPresent()) {
                throw new DomainException(ErrorCode.REFERENCE_ALREADY_EXISTS,
                        "Service item " + e.serviceItem() + " exists already.", Map.of("code", e.serviceItem().value()));
            }
            checkItem(e.name(), e.department(), e.limitWorkingDays(), e.materials());
        } else if (change instanceof ServiceItemChanged e) {
            catalogue.require(e.serviceItem());
            checkItem(e.name(), e.department(), e.limitWorkingDays(), e.materials());
        } else if (change instanceof ServiceItemDeactivated e) {
            requireItemState(e.serviceItem(), true);
        } else if (change instanceof ServiceItemReactivated e) {
            requireActiveLineDepartment(requireItemState(e.serviceItem(), false).department());
        }
        return replay(change);
    }

    private void checkNewUnit(OrgUnitAdded e) {
        if (tree.find(e.unit()).isPresent()) {
            throw new DomainException(ErrorCode.REFERENCE_ALREADY_EXISTS, "Org unit " + e.unit() + " exists already.",
                    Map.of("id", e.unit().value()));
        }
        requireName(e.name());
        requireKind(e.kind());
        if (e.parent() == null) {
            throw invalid("parent", "A new unit sits under a parent; the tree has one root.");
        }
        if (!tree.require(e.parent()).active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Unit " + e.parent() + " is closed.",
                    Map.of("parent", e.parent().value()));
        }
    }

    private void checkUnitChange(OrgUnitChanged e) {
        OrgUnit unit = tree.require(e.unit());
        requireName(e.name());
        requireKind(e.kind());
        boolean isRoot = unit.parent() == null;
        if (isRoot != (e.parent() == null)) {
            throw invalid("parent", isRoot ? "The root unit cannot be moved." : "Only the root unit has no parent.");
        }
        if (!isRoot && !e.parent().equals(unit.parent())) {
            OrgUnit parent = tree.require(e.parent());
            if (tree.isWithin(parent.id(), unit.id())) {
                throw new DomainException(ErrorCode.ORG_TREE_CYCLE, "Unit " + e.parent() + " is " + unit.id()
                        + " itself or lies below it.", Map.of("parent", e.parent().value()));
            }
            if (unit.active() && !parent.active()) {
                throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Unit " + e.parent() + " is closed.",
                        Map.of("parent", e.parent().value()));
            }
        }
        if (unit.kind() == OrgUnitKind.LINE_DEPARTMENT && e.kind() != OrgUnitKind.LINE_DEPARTMENT) {
            List<String> items = itemsOf(unit.id(), false);
            if (!items.isEmpty()) {
                throw new DomainException(ErrorCode.REFERENCE_IN_USE, "Unit " + unit.id()
                        + " is the department of service items " + items + "; it stays a line department.",
                        Map.of("kind", e.kind().name()));
            }
        }
    }

    private void checkDeactivation(UnitId id) {
        OrgUnit unit = tree.require(id);
        if (!unit.active()) {
            throw new DomainException(ErrorCode.REFERENCE_STATE_UNCHANGED, "Unit " + id + " is closed already.");
        }
        List<String> children = tree.children(id).stream().filter(OrgUnit::active).map(u -> u.id().value()).toList();
        if (!children.isEmpty()) {
            throw new DomainException(ErrorCode.REFERENCE_IN_USE, "Unit " + id + " still has active units " + children
                    + "; close or move them first.", Map.of("unit", id.value()));
        }
        List<String> items = itemsOf(id, true);
        if (!items.isEmpty()) {
            throw new DomainException(ErrorCode.REFERENCE_IN_USE, "Unit " + id + " is the department of active "
                    + "service items " + items + "; withdraw them or give them another department first.",
                    Map.of("unit", id.value()));
        }
    }

    private void checkReactivation(UnitId id) {
        OrgUnit unit = tree.require(id);
        if (unit.active()) {
            throw new DomainException(ErrorCode.REFERENCE_STATE_UNCHANGED, "Unit " + id + " is active already.");
        }
        if (unit.parent() != null && !tree.require(unit.parent()).active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Its parent " + unit.parent()
                    + " is closed; reactivate that first.", Map.of("parent", unit.parent().value()));
        }
    }

    private List<String> itemsOf(UnitId department, boolean activeOnly) {
        return catalogue.all().stream().filter(i -> i.department().equals(department))
                .filter(i -> !activeOnly || i.active()).map(i -> i.code().value()).toList();
    }

    private void checkItem(String name, UnitId department, int limitWorkingDays, List<Material> materials) {
        requireName(name);
        if (limitWorkingDays < 1 || limitWorkingDays > MAX_LIMIT_WORKING_DAYS) {
            throw invalid("limitWorkingDays", "1.." + MAX_LIMIT_WORKING_DAYS + " working days");
        }
        if (department == null) {
            throw invalid("department", "required");
        }
        requireActiveLineDepartment(department);
        if (materials == null) {
            throw invalid("materials", "required (may be empty)");
        }
        Set<String> codes = new HashSet<>();
        for (Material m : materials) {
            if (m == null || m.code().isBlank() || m.name().isBlank()) {
                throw invalid("materials", "every material has a code and a name");
            }
            if (!codes.add(m.code())) {
                throw invalid("materials", "material code " + m.code() + " appears twice");
            }
        }
    }

    private void requireActiveLineDepartment(UnitId department) {
        OrgUnit unit = tree.require(department);
        if (unit.kind() != OrgUnitKind.LINE_DEPARTMENT || !unit.active()) {
            throw new DomainException(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT,
                    "Unit " + department + " is not an active line department.",
                    Map.of("department", department.value()));
        }
    }

    private ServiceItem requireItemState(ServiceItemCode code, boolean active) {
        ServiceItem item = catalogue.require(code);
        if (item.active() != active) {
            throw new DomainException(ErrorCode.REFERENCE_STATE_UNCHANGED,
                    "Service item " + code + (active ? " is withdrawn already." : " is active already."));
        }
        return item;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw invalid("name", "1..200 characters");
        }
    }

    private static void requireKind(OrgUnitKind kind) {
        if (kind == null) {
            throw invalid("kind", "required");
        }
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message, Map.of(field, message));
    }

    // --- folding recorded events -------------------------------------------------------------------------------------

    /**
     * Folds a recorded event in, without the run-time rules (history recorded under older rules still replays); the
     * result must still form one tree and a catalogue of line departments.
     *
     * @throws IllegalArgumentException when it does not
     */
    public ReferenceModel replay(ReferenceEvent event) {
        Map<UnitId, OrgUnit> units = new LinkedHashMap<>();
        Map<ServiceItemCode, ServiceItem> items = new LinkedHashMap<>();
        if (!isEmpty()) {
            tree.all().forEach(u -> units.put(u.id(), u));
            catalogue.all().forEach(i -> items.put(i.code(), i));
        }
        Map<UnitId, OrgUnit> fileUnits = shippedUnits;
        Map<ServiceItemCode, ServiceItem> fileItems = shippedItems;
        String fileHash = shippedHash;
        if (event instanceof ReferenceFilesDeployed e) {
            e.units().forEach(u -> units.put(u.id(), u));
            e.items().forEach(i -> items.put(i.code(), i));
            e.withdrawnUnits().forEach(id -> units.computeIfPresent(id, (k, u) -> withActive(u, false)));
            e.withdrawnItems().forEach(code -> items.computeIfPresent(code, (k, i) -> withActive(i, false)));
            fileUnits = merged(shippedUnits, e.units(), OrgUnit::id, e.withdrawnUnits());
            fileItems = merged(shippedItems, e.items(), ServiceItem::code, e.withdrawnItems());
            fileHash = e.contentHash();
        } else if (event instanceof OrgUnitAdded e) {
            units.put(e.unit(), new OrgUnit(e.unit(), e.name(), e.kind(), e.parent(), true));
        } else if (event instanceof OrgUnitChanged e) {
            units.computeIfPresent(e.unit(), (k, u) -> new OrgUnit(u.id(), e.name(), e.kind(), e.parent(), u.active()));
        } else if (event instanceof OrgUnitDeactivated e) {
            units.computeIfPresent(e.unit(), (k, u) -> withActive(u, false));
        } else if (event instanceof OrgUnitReactivated e) {
            units.computeIfPresent(e.unit(), (k, u) -> withActive(u, true));
        } else if (event instanceof ServiceItemAdded e) {
            items.put(e.serviceItem(), new ServiceItem(e.serviceItem(), e.name(), e.department(),
                    e.limitWorkingDays(), e.materials(), true));
        } else if (event instanceof ServiceItemChanged e) {
            items.computeIfPresent(e.serviceItem(), (k, i) -> new ServiceItem(i.code(), e.name(), e.department(),
                    e.limitWorkingDays(), e.materials(), i.active()));
        } else if (event instanceof ServiceItemDeactivated e) {
            items.computeIfPresent(e.serviceItem(), (k, i) -> withActive(i, false));
        } else if (event instanceof ServiceItemReactivated e) {
            items.computeIfPresent(e.serviceItem(), (k, i) -> withActive(i, true));
        }
        OrgTree newTree = OrgTree.of(units.values());
        return new ReferenceModel(newTree, ServiceCatalogue.of(items.values(), newTree), fileUnits, fileItems,
                fileHash, revision + 1);
    }

    /** Folds a whole stream, oldest first. */
    public static ReferenceModel replayAll(Collection<? extends ReferenceEvent> events) {
        ReferenceModel model = empty();
        for (ReferenceEvent event : events) {
            model = model.replay(event);
        }
        return model;
    }

    private static <K, V> Map<K, V> merged(Map<K, V> previous, List<V> changed, Function<V, K> key,
                                           List<K> withdrawn) {
        Map<K, V> merged = new LinkedHashMap<>(previous);
        changed.forEach(v -> merged.put(key.apply(v), v));
        withdrawn.forEach(merged::remove);
        return merged;
    }

    private static OrgUnit withActive(OrgUnit u, boolean active) {
        return new OrgUnit(u.id(), u.name(), u.kind(), u.parent(), active);
    }

    private static ServiceItem withActive(ServiceItem i, boolean active) {
        return new ServiceItem(i.code(), i.name(), i.department(), i.limitWorkingDays(), i.materials(), active);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceModel m && revision == m.revision && Objects.equals(shippedHash, m.shippedHash)
                && shippedUnits.equals(m.shippedUnits) && shippedItems.equals(m.shippedItems)
                && entries(this).equals(entries(m));
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, shippedHash, entries(this));
    }

    /** The model's entries in order, for comparing two models (a restart must give the same model). */
    private static List<Object> entries(ReferenceModel model) {
        List<Object> all = new ArrayList<>();
        if (!model.isEmpty()) {
            all.addAll(model.tree.all());
            all.addAll(model.catalogue.all());
        }
        return all;
    }
}
