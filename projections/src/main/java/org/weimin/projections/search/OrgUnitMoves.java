package org.weimin.projections.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;

/**
 * The pure half of re-filing the search index after org units move (README "Reference data"): which units a
 * reference-data change moved, and whether a search document is filed under a unit the way a given tree has it.
 *
 * <p>A document holds unit paths ({@link CaseSearchDocument}: the unit and its ancestors, nearest first) for its
 * window, holder, overdue holder and completing unit, and the involved path (the union of the paths of every unit that
 * received or held the case, deduplicated). After a move of unit U under P, every path through U must read
 * {@code [..., U] + path(P)}: the part below U is kept, the part above is the new parent's path.
 */
final class OrgUnitMoves {
    /** The document fields that hold unit paths, which subtree filters and figure roll-ups match on. */
    static final List<String> PATH_FIELDS = List.of("windowPath", "holderPath", "involvedPath", "overdueHolderPath",
            "completingUnitPath");

    private OrgUnitMoves() {
    }

    /**
     * The units present in both trees whose parent differs, in {@code after}'s order. Renames, re-kinds, closures,
     * reopenings and new units are not moves. A {@code before} of null (nothing recorded yet) moves nothing.
     */
    static Set<UnitId> moved(OrgTree before, OrgTree after) {
        Set<UnitId> moved = new LinkedHashSet<>();
        if (before == null || after == null) {
            return moved;
        }
        for (OrgUnit unit : after.all()) {
            before.find(unit.id()).filter(old -> !Objects.equals(old.parent(), unit.parent()))
                    .ifPresent(old -> moved.add(unit.id()));
        }
        return moved;
    }

    /**
     * Whether {@code doc} is filed under {@code unit} as {@code paths} (a unit's path, nearest first) has it: every
     * unit field whose path holds {@code unit} has exactly {@code paths.apply(field)}, and an involved path holding
     * {@code unit} holds all of {@code paths.apply(unit)}. The involved path is a union, so only containment can be
     * checked there: a re-filing therefore refolds every document under a moved unit and uses this only to verify.
     */
    static boolean filedAsIn(CaseSearchDocument doc, String unit, Function<String, List<String>> paths) {
        return agrees(doc.window(), doc.windowPath(), unit, paths)
                && agrees(doc.holder(), doc.holderPath(), unit, paths)
                && agrees(doc.overdueHolder(), doc.overdueHolderPath(), unit, paths)
                && agrees(doc.completingUnit(), doc.completingUnitPath(), unit, paths)
                && (doc.involvedPath() == null || !doc.involvedPath().contains(unit)
                    || doc.involvedPath().containsAll(paths.apply(unit)));
    }

    /** Whether any of the document's unit paths holds {@code unit}. */
    static boolean filedUnder(CaseSearchDocument doc, String unit) {
        return contains(doc.windowPath(), unit) || contains(doc.holderPath(), unit)
                || contains(doc.involvedPath(), unit) || contains(doc.overdueHolderPath(), unit)
                || contains(doc.completingUnitPath(), unit);
    }

    private static boolean agrees(String field, List<String> path, String unit, Function<String, List<String>> paths) {
        return !contains(path, unit) || field == null || path.equals(paths.apply(field));
    }

    private static boolean contains(List<String> path, String unit) {
        return path != null && path.contains(unit);
    }
}
