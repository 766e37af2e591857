package org.weimin.events.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.weimin.events.Actor;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * The reference model (issue 7): each administrator's change checked against the current tree and catalogue, a new
 * snapshot or a {@link DomainException} with a stable code; and the diff of a deployment's files against the files
 * deployed last.
 */
class ReferenceModelTest {
    static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    static final Actor ADMIN = Actor.staff(StaffId.of("admin"));
    static final Actor DEPLOYMENT = Actor.system("deployment");

    static final UnitId CITY = UnitId.of("CITY");
    static final UnitId DIST = UnitId.of("DIST");
    static final UnitId MZJ = UnitId.of("DIST-MZJ");
    static final UnitId STREET = UnitId.of("STREET");
    static final UnitId CENTRE = UnitId.of("STREET-C");
    static final UnitId WINDOW = UnitId.of("STREET-C-W1");
    static final ServiceItemCode ITEM = ServiceItemCode.of("MZ-001");

    static OrgUnit unit(UnitId id, OrgUnitKind kind, UnitId parent) {
        return new OrgUnit(id, id.value(), kind, parent, true);
    }

    static final List<OrgUnit> FILE_UNITS = List.of(
            unit(CITY, OrgUnitKind.CITY, null),
            unit(DIST, OrgUnitKind.DISTRICT, CITY),
            unit(MZJ, OrgUnitKind.LINE_DEPARTMENT, DIST),
            unit(STREET, OrgUnitKind.STREET, DIST),
            unit(CENTRE, OrgUnitKind.SERVICE_CENTRE, STREET),
            unit(WINDOW, OrgUnitKind.WINDOW, CENTRE));
    static final List<Material> MATERIALS = List.of(new Material("M01", "居民身份证"), new Material("M02", "户口簿"));
    static final List<ServiceItem> FILE_ITEMS = List.of(item(ITEM, MZJ, 5));

    static ServiceItem item(ServiceItemCode code, UnitId department, int limit) {
        return new ServiceItem(code, "低保", department, limit, MATERIALS, true);
    }

    static ReferenceModel seeded() {
        return ReferenceModel.empty().accept(deploy(ReferenceModel.empty(), "h1", FILE_UNITS, FILE_ITEMS).orElseThrow());
    }

    static Optional<ReferenceFilesDeployed> deploy(ReferenceModel model, String hash, List<OrgUnit> units,
                                                   List<ServiceItem> items) {
        return model.deployment("files", hash, units, items, DEPLOYMENT, AT);
    }

    static ErrorCode codeOf(Runnable change) {
        try {
            change.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("expected a DomainException");
    }

    // --- the seed and later deployments ------------------------------------------------------------------------------

    @Test
    void theFirstDeploymentRecordsEveryEntryOnce() {
        ReferenceFilesDeployed seed = deploy(ReferenceModel.empty(), "h1", FILE_UNITS, FILE_ITEMS).orElseThrow();
        assertThat(seed.units()).containsExactlyElementsOf(FILE_UNITS);
        assertThat(seed.items()).containsExactlyElementsOf(FILE_ITEMS);
        assertThat(seed.withdrawnUnits()).isEmpty();
        ReferenceModel model = ReferenceModel.empty().accept(seed);
        assertThat(model.revision()).isZero();
        assertThat(model.tree().require(WINDOW).active()).isTrue();
        assertThat(model.catalogue().require(ITEM).limitWorkingDays()).isEqualTo(5);
        assertThat(model.shippedHash()).isEqualTo("h1");
    }

    @Test
    void theSameFilesAgainRecordNothing() {
        assertThat(deploy(seeded(), "h1", FILE_UNITS, FILE_ITEMS)).isEmpty();
        assertThat(deploy(seeded(), "h1-reformatted", FILE_UNITS, FILE_ITEMS)).as("same entries").isEmpty();
    }

    @Test
    void aChangedFileRecordsOnlyItsDifferenceAndKeepsAnAdministratorsChangeToAnotherEntry() {
        ReferenceModel model = seeded().accept(new OrgUnitChanged(CENTRE, "甲中心（改名）", OrgUnitKind.SERVICE_CENTRE,
                STREET, ADMIN, AT, AT));
        List<OrgUnit> units = new ArrayList<>(FILE_UNITS);
        units.remove(unit(WINDOW, OrgUnitKind.WINDOW, CENTRE));
        UnitId w2 = UnitId.of("STREET-C-W2");
        units.add(unit(w2, OrgUnitKind.WINDOW, CENTRE));
        List<ServiceItem> items = List.of(item(ITEM, MZJ, 7));

        ReferenceFilesDeployed diff = deploy(model, "h2", units, items).orElseThrow();

        assertThat(diff.units()).containsExactly(unit(w2, OrgUnitKind.WINDOW, CENTRE));
        assertThat(diff.withdrawnUnits()).containsExactly(WINDOW);
        assertThat(diff.items()).containsExactly(item(ITEM, MZJ, 7));
        assertThat(diff.withdrawnItems()).isEmpty();
        ReferenceModel after = model.accept(diff);
        assertThat(after.tree().require(CENTRE).name()).as("the administrator's rename stays").isEqualTo("甲中心（改名）");
        assertThat(after.tree().require(WINDOW).active()).as("withdrawn from the file: closed, still known").isFalse();
        assertThat(after.tree().require(w2).active()).isTrue();
        assertThat(after.catalogue().require(ITEM).limitWorkingDays()).isEqualTo(7);
        assertThat(deploy(after, "h2", units, items)).as("the new files again").isEmpty();
    }

    @Test
    void filesThatDoNotFormOneTreeAreRefused() {
        List<OrgUnit> units = new ArrayList<>(FILE_UNITS);
        units.add(unit(UnitId.of("ORPHAN"), OrgUnitKind.WINDOW, UnitId.of("NOWHERE")));
        ReferenceFilesDeployed bad = deploy(ReferenceModel.empty(), "h", units, FILE_ITEMS).orElseThrow();
        assertThat(codeOf(() -> ReferenceModel.empty().accept(bad))).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void replayingTheRecordedEventsGivesTheSameModel() {
        List<ReferenceEvent> events = new ArrayList<>();
        ReferenceModel model = ReferenceModel.empty();
        for (ReferenceEvent e : List.of(deploy(model, "h1", FILE_UNITS, FILE_ITEMS).orElseThrow(),
                new OrgUnitAdded(UnitId.of("STREET-C-W2"), "2号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT, AT),
                new ServiceItemDeactivated(ITEM, "并入", ADMIN, AT, AT))) {
            model = model.accept(e);
            events.add(e);
        }
        assertThat(ReferenceModel.replayAll(events)).isEqualTo(model);
        assertThat(model.revision()).isEqualTo(2);
    }

    // --- org units ---------------------------------------------------------------------------------------------------

    @Test
    void anAddedUnitIsActiveUnderItsParent() {
        UnitId w2 = UnitId.of("STREET-C-W2");
        ReferenceModel model = seeded().accept(new OrgUnitAdded(w2, "2号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT, AT));
        assertThat(model.tree().require(w2)).isEqualTo(new OrgUnit(w2, "2号窗口", OrgUnitKind.WINDOW, CENTRE, true));
        assertThat(model.tree().children(CENTRE)).extracting(OrgUnit::id).containsExactly(WINDOW, w2);
        assertThat(seeded().tree().find(w2)).as("the earlier snapshot is unchanged").isEmpty();
    }

    @Test
    void anAddedUnitNeedsAFreeIdAKnownActiveParentAndAName() {
        ReferenceModel model = seeded();
        assertThat(codeOf(() -> model.accept(new OrgUnitAdded(WINDOW, "x", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_ALREADY_EXISTS);
        assertThat(codeOf(() -> model.accept(new OrgUnitAdded(UnitId.of("N"), "x", OrgUnitKind.WINDOW,
                UnitId.of("NOWHERE"), ADMIN, AT, AT)))).isEqualTo(ErrorCode.UNKNOWN_ORG_UNIT);
        assertThat(codeOf(() -> model.accept(new OrgUnitAdded(UnitId.of("N"), "x", OrgUnitKind.CITY, null, ADMIN, AT,
                AT)))).as("a second root").isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> model.accept(new OrgUnitAdded(UnitId.of("N"), " ", OrgUnitKind.WINDOW, CENTRE, ADMIN,
                AT, AT)))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        ReferenceModel closed = model.accept(new OrgUnitDeactivated(WINDOW, "撤并", ADMIN, AT, AT));
        assertThat(codeOf(() -> closed.accept(new OrgUnitAdded(UnitId.of("N"), "x", OrgUnitKind.WINDOW, WINDOW, ADMIN,
                AT, AT)))).isEqualTo(ErrorCode.INACTIVE_REFERENCE);
    }

    @Test
    void aUnitCanBeRenamedAndMovedButNotUnderItselfOrItsDescendants() {
        ReferenceModel model = seeded().accept(new OrgUnitChanged(CENTRE, "新中心", OrgUnitKind.SERVICE_CENTRE, DIST,
                ADMIN, AT, AT));
        assertThat(model.tree().require(CENTRE).parent()).isEqualTo(DIST);
        assertThat(model.tree().isWithin(WINDOW, STREET)).as("moved with its subtree").isFalse();
        assertThat(model.tree().isWithin(WINDOW, DIST)).isTrue();

        assertThat(codeOf(() -> seeded().accept(new OrgUnitChanged(STREET, "S", OrgUnitKind.STREET, WINDOW, ADMIN, AT,
                AT)))).isEqualTo(ErrorCode.ORG_TREE_CYCLE);
        assertThat(codeOf(() -> seeded().accept(new OrgUnitChanged(STREET, "S", OrgUnitKind.STREET, STREET, ADMIN, AT,
                AT)))).isEqualTo(ErrorCode.ORG_TREE_CYCLE);
        assertThat(codeOf(() -> seeded().accept(new OrgUnitChanged(CITY, "C", OrgUnitKind.CITY, DIST, ADMIN, AT, AT))))
                .as("the root stays the root").isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> seeded().accept(new OrgUnitChanged(UnitId.of("NOPE"), "x", OrgUnitKind.WINDOW, CENTRE,
                ADMIN, AT, AT)))).isEqualTo(ErrorCode.UNKNOWN_ORG_UNIT);
    }

    @Test
    void aDepartmentWithServiceItemsStaysALineDepartment() {
        assertThat(codeOf(() -> seeded().accept(new OrgUnitChanged(MZJ, "民政局", OrgUnitKind.DISTRICT, DIST, ADMIN, AT,
                AT)))).isEqualTo(ErrorCode.REFERENCE_IN_USE);
    }

    @Test
    void aUnitWithActiveChildrenOrActiveItemsCannotBeClosed() {
        ReferenceModel model = seeded();
        assertThat(codeOf(() -> model.accept(new OrgUnitDeactivated(CENTRE, "撤并", ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_IN_USE);
        assertThat(codeOf(() -> model.accept(new OrgUnitDeactivated(MZJ, "撤并", ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_IN_USE);
        ReferenceModel withdrawn = model.accept(new ServiceItemDeactivated(ITEM, "并入", ADMIN, AT, AT));
        assertThat(withdrawn.accept(new OrgUnitDeactivated(MZJ, "撤并", ADMIN, AT, AT)).tree().require(MZJ).active())
                .isFalse();
    }

    @Test
    void closingAndReopeningAUnit() {
        ReferenceModel closed = seeded().accept(new OrgUnitDeactivated(WINDOW, "撤并", ADMIN, AT, AT));
        assertThat(closed.tree().require(WINDOW).active()).isFalse();
        assertThat(codeOf(() -> closed.accept(new OrgUnitDeactivated(WINDOW, "again", ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_STATE_UNCHANGED);
        ReferenceModel reopened = closed.accept(new OrgUnitReactivated(WINDOW, ADMIN, AT, AT));
        assertThat(reopened.tree().require(WINDOW).active()).isTrue();
        assertThat(codeOf(() -> reopened.accept(new OrgUnitReactivated(WINDOW, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_STATE_UNCHANGED);
        ReferenceModel bothClosed = closed.accept(new OrgUnitDeactivated(CENTRE, "撤并", ADMIN, AT, AT));
        assertThat(codeOf(() -> bothClosed.accept(new OrgUnitReactivated(WINDOW, ADMIN, AT, AT))))
                .as("under a closed parent").isEqualTo(ErrorCode.INACTIVE_REFERENCE);
    }

    // --- service items -----------------------------------------------------------------------------------------------

    @Test
    void anAddedItemBelongsToAnActiveLineDepartmentWithALimitOfOneToMaxWorkingDays() {
        ServiceItemCode code = ServiceItemCode.of("MZ-099");
        ReferenceModel model = seeded().accept(new ServiceItemAdded(code, "临时救助", MZJ, 3, MATERIALS, ADMIN, AT, AT));
        assertThat(model.catalogue().require(code)).isEqualTo(new ServiceItem(code, "临时救助", MZJ, 3, MATERIALS, true));

        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(ITEM, "x", MZJ, 3, MATERIALS, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_ALREADY_EXISTS);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(code, "x", CENTRE, 3, MATERIALS, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(code, "x", UnitId.of("NOPE"), 3, MATERIALS, ADMIN,
                AT, AT)))).isEqualTo(ErrorCode.UNKNOWN_ORG_UNIT);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(code, "x", MZJ, 0, MATERIALS, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(code, "x", MZJ,
                ReferenceModel.MAX_LIMIT_WORKING_DAYS + 1, MATERIALS, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemAdded(code, "x", MZJ, 3,
                List.of(new Material("M01", "a"), new Material("M01", "b")), ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        ReferenceModel closedDepartment = seeded().accept(new ServiceItemDeactivated(ITEM, "并入", ADMIN, AT, AT))
                .accept(new OrgUnitDeactivated(MZJ, "撤并", ADMIN, AT, AT));
        assertThat(codeOf(() -> closedDepartment.accept(new ServiceItemAdded(code, "x", MZJ, 3, MATERIALS, ADMIN, AT,
                AT)))).isEqualTo(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT);
        assertThat(codeOf(() -> closedDepartment.accept(new ServiceItemReactivated(ITEM, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT);
    }

    @Test
    void aChangedItemTakesItsNewValuesAndKeepsItsState() {
        List<Material> one = List.of(new Material("M01", "居民身份证"));
        ReferenceModel model = seeded().accept(new ServiceItemChanged(ITEM, "低保（新）", MZJ, 10, one, ADMIN, AT, AT));
        assertThat(model.catalogue().require(ITEM)).isEqualTo(new ServiceItem(ITEM, "低保（新）", MZJ, 10, one, true));
        assertThat(codeOf(() -> seeded().accept(new ServiceItemChanged(ServiceItemCode.of("NOPE"), "x", MZJ, 10, one,
                ADMIN, AT, AT)))).isEqualTo(ErrorCode.UNKNOWN_SERVICE_ITEM);
        assertThat(codeOf(() -> seeded().accept(new ServiceItemChanged(ITEM, "x", WINDOW, 10, one, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT);
    }

    @Test
    void withdrawingAndRestoringAnItem() {
        ReferenceModel withdrawn = seeded().accept(new ServiceItemDeactivated(ITEM, "并入", ADMIN, AT, AT));
        assertThat(withdrawn.catalogue().require(ITEM).active()).isFalse();
        assertThat(codeOf(() -> withdrawn.accept(new ServiceItemDeactivated(ITEM, "again", ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_STATE_UNCHANGED);
        ReferenceModel restored = withdrawn.accept(new ServiceItemReactivated(ITEM, ADMIN, AT, AT));
        assertThat(restored.catalogue().require(ITEM).active()).isTrue();
        assertThat(codeOf(() -> restored.accept(new ServiceItemReactivated(ITEM, ADMIN, AT, AT))))
                .isEqualTo(ErrorCode.REFERENCE_STATE_UNCHANGED);
    }

    @Test
    void nothingButASeedDeploymentIsAcceptedOnAnEmptyModel() {
        assertThat(codeOf(() -> ReferenceModel.empty().accept(new OrgUnitAdded(WINDOW, "x", OrgUnitKind.WINDOW, CENTRE,
                ADMIN, AT, AT)))).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    // --- a live view over snapshots ----------------------------------------------------------------------------------

    @Test
    void aLiveTreeAnswersFromTheSnapshotItIsGiven() {
        ReferenceModel[] current = {seeded()};
        OrgTree live = new OrgTree() {
            @Override
            protected OrgTree snapshot() {
                return current[0].tree();
            }
        };
        UnitId w2 = UnitId.of("STREET-C-W2");
        assertThat(live.find(w2)).isEmpty();
        current[0] = current[0].accept(new OrgUnitAdded(w2, "2号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT, AT));
        assertThat(live.require(w2).parent()).isEqualTo(CENTRE);
        assertThat(live.isWithin(w2, STREET)).isTrue();
        assertThat(live.path(w2)).containsExactly(w2, CENTRE, STREET, DIST, CITY);
        assertThat(live.root().id()).isEqualTo(CITY);
        assertThat(live.size()).isEqualTo(FILE_UNITS.size() + 1);
        assertThatThrownBy(() -> live.require(UnitId.of("NOPE"))).isInstanceOf(DomainException.class);
    }
}
