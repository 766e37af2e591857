package org.weimin.events.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;

/**
 * The service network as a validated tree of {@link OrgUnit}s: exactly one root, every parent known, no cycles,
 * unique ids. A tree built with {@link #of} is an immutable snapshot. The application's tree is live (issue 7:
 * reference-data changes are events): a subclass whose {@link #snapshot()} returns the snapshot in force, swapped
 * atomically when a change is recorded; every query below reads one snapshot, so each answer is consistent in itself.
 * Changes are validated by {@link org.weimin.events.reference.ReferenceModel}.
 */
public class OrgTree {
    private final Map<UnitId, OrgUnit> units;
    private final Map<UnitId, List<OrgUnit>> children;
    private final OrgUnit root;

    private OrgTree(Map<UnitId, OrgUnit> units, Map<UnitId, List<OrgUnit>> children, OrgUnit root) {
        this.units = units;
        this.children = children;
        this.root = root;
    }

    /** For a live tree: holds nothing itself and must override {@link #snapshot()}. */
    protected OrgTree() {
        this(null, null, null);
    }

    /** The immutable tree that answers queries: this one, or for a live tree the snapshot in force. */
    protected OrgTree snapshot() {
        return this;
    }

    /**
     * Builds and validates a tree.
     *
     * @throws IllegalArgumentException naming the first offending unit when the units do not form one tree
     */
    public static OrgTree of(Collection<OrgUnit> all) {
        Map<UnitId, OrgUnit> units = new LinkedHashMap<>();
        for (OrgUnit unit : all) {
            if (units.putIfAbsent(unit.id(), unit) != null) {
                throw new IllegalArgumentException("duplicate org unit id " + unit.id());
            }
        }
        OrgUnit root = null;
        Map<UnitId, List<OrgUnit>> children = new LinkedHashMap<>();
        for (OrgUnit unit : units.values()) {
            if (unit.parent() == null) {
                if (root != null) {
                    throw new IllegalArgumentException("two roots: " + root.id() + " and " + unit.id());
                }
                root = unit;
            } else {
                if (!units.containsKey(unit.parent())) {
                    throw new IllegalArgumentException("unit " + unit.id() + " names unknown parent " + unit.parent());
                }
                children.computeIfAbsent(unit.parent(), p -> new ArrayList<>()).add(unit);
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("the org tree has no root");
        }
        for (OrgUnit unit : units.values()) {
            Set<UnitId> seen = new HashSet<>();
            for (UnitId at = unit.id(); at != null; at = units.get(at).parent()) {
                if (!seen.add(at)) {
                    throw new IllegalArgumentException("cycle through org unit " + at);
                }
            }
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        return new OrgTree(Collections.unmodifiableMap(units), Collections.unmodifiableMap(children), root);
    }

    public OrgUnit root() {
        return snapshot().root;
    }

    public Optional<OrgUnit> find(UnitId id) {
        return Optional.ofNullable(snapshot().units.get(id));
    }

    /** @throws DomainException {@link ErrorCode#UNKNOWN_ORG_UNIT} when there is no such unit */
    public OrgUnit require(UnitId id) {
        OrgUnit unit = snapshot().units.get(id);
        if (unit == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORG_UNIT, "No org unit " + id + ".", Map.of("unit", id.value()));
        }
        return unit;
    }

    public List<OrgUnit> children(UnitId id) {
        return snapshot().children.getOrDefault(id, List.of());
    }

    /** True when {@code unit} is {@code ancestor} or lies below it. */
    public boolean isWithin(UnitId unit, UnitId ancestor) {
        OrgTree tree = snapshot();
        for (UnitId at = unit; at != null; at = tree.find(at).map(OrgUnit::parent).orElse(null)) {
            if (at.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit and its ancestors up to the root, nearest first; a unit not in the tree gives just itself (so that
     * records naming a since-removed unit still match a filter on that unit).
     */
    public List<UnitId> path(UnitId unit) {
        OrgTree tree = snapshot();
        List<UnitId> path = new java.util.ArrayList<>();
        for (UnitId at = unit; at != null && !path.contains(at); at = tree.find(at).map(OrgUnit::parent).orElse(null)) {
            path.add(at);
        }
        return path;
    }

    public Collection<OrgUnit> all() {
        return snapshot().units.values();
    }

    public int size() {
        return snapshot().units.size();
    }
}
