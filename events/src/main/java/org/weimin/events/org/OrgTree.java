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
 * unique ids. Immutable; loaded from the deployment's reference data at start.
 */
public final class OrgTree {
    private final Map<UnitId, OrgUnit> units;
    private final Map<UnitId, List<OrgUnit>> children;
    private final OrgUnit root;

    private OrgTree(Map<UnitId, OrgUnit> units, Map<UnitId, List<OrgUnit>> children, OrgUnit root) {
        this.units = units;
        this.children = children;
        this.root = root;
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
        return root;
    }

    public Optional<OrgUnit> find(UnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    /** @throws DomainException {@link ErrorCode#UNKNOWN_ORG_UNIT} when there is no such unit */
    public OrgUnit require(UnitId id) {
        OrgUnit unit = units.get(id);
        if (unit == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORG_UNIT, "No org unit " + id + ".", Map.of("unit", id.value()));
        }
        return unit;
    }

    public List<OrgUnit> children(UnitId id) {
        return children.getOrDefault(id, List.of());
    }

    /** True when {@code unit} is {@code ancestor} or lies below it. */
    public boolean isWithin(UnitId unit, UnitId ancestor) {
        for (UnitId at = unit; at != null; at = find(at).map(OrgUnit::parent).orElse(null)) {
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
        List<UnitId> path = new java.util.ArrayList<>();
        for (UnitId at = unit; at != null && !path.contains(at); at = find(at).map(OrgUnit::parent).orElse(null)) {
            path.add(at);
        }
        return path;
    }

    public Collection<OrgUnit> all() {
        return units.values();
    }

    public int size() {
        return units.size();
    }
}
