package org.weimin.projections.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * Re-filing after a move (README "Reference data"): which units a change moved, the paths a re-filed case gets (the
 * part below the moved unit kept, the new parent's path above it, nearest first as the index stores them), and the
 * check that tells a document filed the old way from one filed the new way.
 */
class OrgUnitMovesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // ROOT ─ P1 ─ A ─ A-W1 (window);  ROOT ─ P2;  ROOT ─ OTHER ─ O-W1
    private static final OrgTree BEFORE = tree("P1");
    private static final OrgTree AFTER = tree("P2");
    /** Paths only: no name is hashed here. */
    private static final CaseSearchDocuments DOCUMENTS = new CaseSearchDocuments(BEFORE, new WeekdayCalendar(), null);

    private static OrgTree tree(String parentOfA) {
        return OrgTree.of(List.of(
                unit("ROOT", OrgUnitKind.CITY, null),
                unit("P1", OrgUnitKind.STREET, "ROOT"),
                unit("P2", OrgUnitKind.STREET, "ROOT"),
                unit("A", OrgUnitKind.SERVICE_CENTRE, parentOfA),
                unit("A-W1", OrgUnitKind.WINDOW, "A"),
                unit("OTHER", OrgUnitKind.SERVICE_CENTRE, "ROOT"),
                unit("O-W1", OrgUnitKind.WINDOW, "OTHER")));
    }

    private static OrgUnit unit(String id, OrgUnitKind kind, String parent) {
        return new OrgUnit(UnitId.of(id), id + " 名称", kind, parent == null ? null : UnitId.of(parent), true);
    }

    /** A case received at A-W1, held by OTHER, filed with the given tree's paths (as the projection does). */
    private static CaseSearchDocument receivedAtAHeldByOther(CaseSearchDocuments paths) {
        Map<String, Object> m = new HashMap<>();
        m.put("caseId", "c1");
        m.put("lastSequence", 3);
        m.put("status", "IN_PROGRESS");
        m.put("window", "A-W1");
        m.put("windowPath", paths.path("A-W1"));
        m.put("holder", "OTHER");
        m.put("holderPath", paths.path("OTHER"));
        Set<String> involved = new LinkedHashSet<>(paths.path("A-W1"));
        involved.addAll(paths.path("OTHER"));
        m.put("involvedPath", List.copyOf(involved));
        return JSON.convertValue(m, CaseSearchDocument.class);
    }

    @Test
    void aNewParentIsAMoveARenameIsNot() {
        assertThat(OrgUnitMoves.moved(BEFORE, AFTER)).containsExactly(UnitId.of("A"));
        OrgTree renamed = OrgTree.of(BEFORE.all().stream().map(u -> u.id().value().equals("A")
                ? new OrgUnit(u.id(), "新名称", u.kind(), u.parent(), u.active()) : u).toList());
        assertThat(OrgUnitMoves.moved(BEFORE, renamed)).isEmpty();
        assertThat(OrgUnitMoves.moved(null, AFTER)).as("the first deployment moves nothing").isEmpty();
    }

    @Test
    void theRewrittenPathKeepsWhatLiesBelowTheMovedUnitAndTakesTheNewParentsPathAbove() {
        CaseSearchDocuments moved = DOCUMENTS.withTree(AFTER);
        assertThat(DOCUMENTS.path("A-W1")).containsExactly("A-W1", "A", "P1", "ROOT");
        assertThat(moved.path("A-W1")).containsExactly("A-W1", "A", "P2", "ROOT");
        assertThat(moved.path("OTHER")).as("units elsewhere keep their path").containsExactly("OTHER", "ROOT");
        assertThat(DOCUMENTS.path("A-W1")).as("the live documents are not changed by withTree")
                .containsExactly("A-W1", "A", "P1", "ROOT");
    }

    @Test
    void aDocumentFiledTheOldWayIsToldApartFromOneFiledTheNewWay() {
        CaseSearchDocument old = receivedAtAHeldByOther(DOCUMENTS);
        CaseSearchDocument refiled = receivedAtAHeldByOther(DOCUMENTS.withTree(AFTER));
        CaseSearchDocuments moved = DOCUMENTS.withTree(AFTER);

        assertThat(OrgUnitMoves.filedUnder(old, "A")).isTrue();
        assertThat(OrgUnitMoves.filedUnder(old, "P2")).isFalse();
        assertThat(OrgUnitMoves.filedAsIn(old, "A", moved::path)).isFalse();
        assertThat(OrgUnitMoves.filedAsIn(refiled, "A", moved::path)).isTrue();
        assertThat(OrgUnitMoves.filedAsIn(refiled, "A", DOCUMENTS::path)).as("a replayed older move").isFalse();
        assertThat(OrgUnitMoves.filedAsIn(old, "OTHER", moved::path)).as("nothing of OTHER moved").isTrue();
    }
}
