package org.weimin.events.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;

/** The org tree and the catalogue validate what they are loaded from. */
class OrgTreeTest {

    private static OrgUnit unit(String id, OrgUnitKind kind, String parent) {
        return new OrgUnit(UnitId.of(id), id, kind, parent == null ? null : UnitId.of(parent), true);
    }

    private static final List<OrgUnit> SAMPLE = List.of(
            unit("CITY", OrgUnitKind.CITY, null),
            unit("DIST", OrgUnitKind.DISTRICT, "CITY"),
            unit("DIST-MZ", OrgUnitKind.LINE_DEPARTMENT, "DIST"),
            unit("STREET", OrgUnitKind.STREET, "DIST"),
            unit("STREET-C", OrgUnitKind.SERVICE_CENTRE, "STREET"),
            unit("STREET-C-W1", OrgUnitKind.WINDOW, "STREET-C"));

    @Test
    void aUnitIsWithinItselfAndItsAncestorsOnly() {
        OrgTree tree = OrgTree.of(SAMPLE);
        assertThat(tree.root().id()).isEqualTo(UnitId.of("CITY"));
        assertThat(tree.isWithin(UnitId.of("STREET-C-W1"), UnitId.of("DIST"))).isTrue();
        assertThat(tree.isWithin(UnitId.of("STREET-C-W1"), UnitId.of("STREET-C-W1"))).isTrue();
        assertThat(tree.isWithin(UnitId.of("DIST"), UnitId.of("STREET"))).isFalse();
        assertThat(tree.isWithin(UnitId.of("DIST-MZ"), UnitId.of("STREET"))).isFalse();
        assertThat(tree.children(UnitId.of("DIST"))).extracting(OrgUnit::id)
                .containsExactly(UnitId.of("DIST-MZ"), UnitId.of("STREET"));
    }

    @Test
    void anUnknownUnitIsADomainError() {
        assertThatThrownBy(() -> OrgTree.of(SAMPLE).require(UnitId.of("NOPE")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ORG_UNIT));
    }

    @Test
    void twoRootsAreRefused() {
        assertThatThrownBy(() -> OrgTree.of(List.of(unit("A", OrgUnitKind.CITY, null), unit("B", OrgUnitKind.CITY, null))))
                .hasMessageContaining("two roots");
    }

    @Test
    void anUnknownParentIsRefused() {
        assertThatThrownBy(() -> OrgTree.of(List.of(unit("A", OrgUnitKind.CITY, null),
                unit("B", OrgUnitKind.DISTRICT, "X")))).hasMessageContaining("unknown parent X");
    }

    @Test
    void aCycleIsRefused() {
        assertThatThrownBy(() -> OrgTree.of(List.of(unit("R", OrgUnitKind.CITY, null),
                unit("A", OrgUnitKind.DISTRICT, "B"), unit("B", OrgUnitKind.DISTRICT, "A"))))
                .hasMessageContaining("cycle");
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> OrgTree.of(List.of(unit("A", OrgUnitKind.CITY, null), unit("A", OrgUnitKind.CITY, null))))
                .hasMessageContaining("duplicate");
    }

    @Test
    void aServiceItemMustBelongToALineDepartment() {
        OrgTree tree = OrgTree.of(SAMPLE);
        var ok = new ServiceItem(ServiceItemCode.of("MZ-1"), "低保", UnitId.of("DIST-MZ"), 20,
                List.of(new Material("M01", "身份证")), true);
        assertThat(ServiceCatalogue.of(List.of(ok), tree).require(ServiceItemCode.of("MZ-1"))).isEqualTo(ok);
        var wrong = new ServiceItem(ServiceItemCode.of("X-1"), "x", UnitId.of("STREET-C"), 5, List.of(), true);
        assertThatThrownBy(() -> ServiceCatalogue.of(List.of(wrong), tree)).hasMessageContaining("not a line department");
        assertThatThrownBy(() -> ServiceCatalogue.of(List.of(ok), tree).require(ServiceItemCode.of("NONE")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE_ITEM));
    }

    @Test
    void aServiceItemNeedsALimitOfAtLeastOneWorkingDay() {
        assertThatThrownBy(() -> new ServiceItem(ServiceItemCode.of("X"), "x", UnitId.of("D"), 0, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
