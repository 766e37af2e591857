package org.weimin.command.reference;

import static org.weimin.command.cases.Rejections.rejectedWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.command.reference.ReferenceCommands.AddOrgUnit;
import org.weimin.command.reference.ReferenceCommands.AddServiceItem;
import org.weimin.command.reference.ReferenceCommands.ChangeOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ChangeServiceItem;
import org.weimin.command.reference.ReferenceCommands.DeactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.DeactivateServiceItem;
import org.weimin.command.reference.ReferenceCommands.DeployReferenceFiles;
import org.weimin.command.reference.ReferenceCommands.ReactivateOrgUnit;
import org.weimin.command.reference.ReferenceCommands.ReactivateServiceItem;
import org.weimin.events.Actor;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.reference.OrgUnitAdded;
import org.weimin.events.reference.OrgUnitChanged;
import org.weimin.events.reference.OrgUnitDeactivated;
import org.weimin.events.reference.OrgUnitReactivated;
import org.weimin.events.reference.ReferenceFilesDeployed;
import org.weimin.events.reference.ServiceItemAdded;
import org.weimin.events.reference.ServiceItemChanged;
import org.weimin.events.reference.ServiceItemDeactivated;
import org.weimin.events.reference.ServiceItemReactivated;

/**
 * The reference-data aggregate (issue 7): the shipped files seed it and later record only their difference; each
 * administrator's change is one event; a change that breaks a rule is rejected with its stable code and records
 * nothing. (The rules themselves are specified in detail by {@code ReferenceModelTest} in {@code events}.)
 */
class ReferenceDataTest {
    static final String ID = "reference-data";
    static final Instant SEEDED_AT = Instant.parse("2026-11-30T01:00:00Z");
    static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    static final Actor ADMIN = Actor.staff(StaffId.of("admin"));
    static final Actor DEPLOYMENT = Actor.system("deployment");

    static final UnitId CITY = UnitId.of("SFS");
    static final UnitId DISTRICT = UnitId.of("SFQ");
    static final UnitId MZJ = UnitId.of("SFQ-MZJ");
    static final UnitId CENTRE = UnitId.of("JJD-ZX");
    static final UnitId WINDOW = UnitId.of("JJD-ZX-W01");
    static final UnitId NEW_WINDOW = UnitId.of("JJD-ZX-W10");
    static final ServiceItemCode ITEM = ServiceItemCode.of("MZ-002");
    static final ServiceItemCode NEW_ITEM = ServiceItemCode.of("MZ-099");
    static final List<Material> MATERIALS = List.of(new Material("M01", "居民身份证"));

    static final List<OrgUnit> UNITS = List.of(
            new OrgUnit(CITY, "示范市", OrgUnitKind.CITY, null, true),
            new OrgUnit(DISTRICT, "示范区", OrgUnitKind.DISTRICT, CITY, true),
            new OrgUnit(MZJ, "示范区民政局", OrgUnitKind.LINE_DEPARTMENT, DISTRICT, true),
            new OrgUnit(CENTRE, "甲街道政务服务中心", OrgUnitKind.SERVICE_CENTRE, DISTRICT, true),
            new OrgUnit(WINDOW, "1号窗口", OrgUnitKind.WINDOW, CENTRE, true));
    static final List<ServiceItem> ITEMS = List.of(new ServiceItem(ITEM, "临时救助", MZJ, 5, MATERIALS, true));

    private FixtureConfiguration<ReferenceData> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReferenceData.class);
    }

    static ReferenceFilesDeployed seed() {
        return new ReferenceFilesDeployed("files", "h1", UNITS, ITEMS, List.of(), List.of(), DEPLOYMENT, SEEDED_AT,
                SEEDED_AT);
    }

    static DeployReferenceFiles deploy(String hash, List<OrgUnit> units, List<ServiceItem> items) {
        return new DeployReferenceFiles(ID, "files", hash, units, items, DEPLOYMENT, SEEDED_AT);
    }

    // --- shipped files -----------------------------------------------------------------------------------------------

    @Test
    void theFirstDeploymentSeedsTheWholeFileInOneEvent() {
        fixture.givenNoPriorActivity()
                .when(deploy("h1", UNITS, ITEMS))
                .expectEvents(seed())
                .expectResultMessagePayload(0L);
    }

    @Test
    void unchangedFilesRecordNothing() {
        fixture.given(seed())
                .when(deploy("h1", UNITS, ITEMS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void changedFilesRecordTheirDifferenceAndLeaveAnAdministratorsChangeToAnotherEntry() {
        List<OrgUnit> units = new ArrayList<>(UNITS);
        OrgUnit w2 = new OrgUnit(UnitId.of("JJD-ZX-W02"), "2号窗口", OrgUnitKind.WINDOW, CENTRE, true);
        units.add(w2);
        fixture.given(seed(), new OrgUnitChanged(CENTRE, "甲街道为民服务中心", OrgUnitKind.SERVICE_CENTRE, DISTRICT, ADMIN,
                        AT, AT))
                .when(deploy("h2", units, ITEMS))
                .expectEvents(new ReferenceFilesDeployed("files", "h2", List.of(w2), List.of(), List.of(), List.of(),
                        DEPLOYMENT, SEEDED_AT, SEEDED_AT))
                .expectResultMessagePayload(2L);
    }

    @Test
    void filesThatBreakTheTreeAreRejected() {
        List<OrgUnit> units = List.of(new OrgUnit(WINDOW, "1号窗口", OrgUnitKind.WINDOW, UnitId.of("NOWHERE"), true));
        fixture.given(seed())
                .when(deploy("h2", units, ITEMS))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    // --- org units ---------------------------------------------------------------------------------------------------

    @Test
    void anAdministratorAddsAWindow() {
        fixture.given(seed())
                .when(new AddOrgUnit(ID, NEW_WINDOW, "10号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT))
                .expectEvents(new OrgUnitAdded(NEW_WINDOW, "10号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT, AT))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aUnitIdThatIsTakenIsRejected() {
        fixture.given(seed())
                .when(new AddOrgUnit(ID, WINDOW, "1号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_ALREADY_EXISTS));
    }

    @Test
    void anUnknownParentIsRejected() {
        fixture.given(seed())
                .when(new AddOrgUnit(ID, NEW_WINDOW, "10号窗口", OrgUnitKind.WINDOW, UnitId.of("NOPE"), ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.UNKNOWN_ORG_UNIT));
    }

    @Test
    void nothingButTheSeedIsAcceptedBeforeTheSeed() {
        fixture.givenNoPriorActivity()
                .when(new AddOrgUnit(ID, NEW_WINDOW, "10号窗口", OrgUnitKind.WINDOW, CENTRE, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void anAdministratorRenamesAndMovesAUnit() {
        fixture.given(seed())
                .when(new ChangeOrgUnit(ID, WINDOW, "综合窗口", OrgUnitKind.WINDOW, DISTRICT, ADMIN, AT))
                .expectEvents(new OrgUnitChanged(WINDOW, "综合窗口", OrgUnitKind.WINDOW, DISTRICT, ADMIN, AT, AT));
    }

    @Test
    void aMoveUnderItsOwnDescendantIsRejected() {
        fixture.given(seed())
                .when(new ChangeOrgUnit(ID, CENTRE, "中心", OrgUnitKind.SERVICE_CENTRE, WINDOW, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORG_TREE_CYCLE));
    }

    @Test
    void anAdministratorClosesAndReopensAWindow() {
        fixture.given(seed())
                .when(new DeactivateOrgUnit(ID, WINDOW, "窗口撤并", ADMIN, AT))
                .expectEvents(new OrgUnitDeactivated(WINDOW, "窗口撤并", ADMIN, AT, AT));
        fixture.given(seed(), new OrgUnitDeactivated(WINDOW, "窗口撤并", ADMIN, AT, AT))
                .when(new ReactivateOrgUnit(ID, WINDOW, ADMIN, AT))
                .expectEvents(new OrgUnitReactivated(WINDOW, ADMIN, AT, AT));
    }

    @Test
    void aUnitWithActiveChildrenCannotBeClosed() {
        fixture.given(seed())
                .when(new DeactivateOrgUnit(ID, CENTRE, "撤并", ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_IN_USE));
    }

    @Test
    void theDepartmentOfActiveItemsCannotBeClosed() {
        fixture.given(seed())
                .when(new DeactivateOrgUnit(ID, MZJ, "机构改革", ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_IN_USE));
    }

    @Test
    void closingAClosedUnitIsRejected() {
        fixture.given(seed(), new OrgUnitDeactivated(WINDOW, "窗口撤并", ADMIN, AT, AT))
                .when(new DeactivateOrgUnit(ID, WINDOW, "again", ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_STATE_UNCHANGED));
    }

    // --- service items -----------------------------------------------------------------------------------------------

    @Test
    void anAdministratorAddsAServiceItem() {
        fixture.given(seed())
                .when(new AddServiceItem(ID, NEW_ITEM, "困难补助", MZJ, 7, MATERIALS, ADMIN, AT))
                .expectEvents(new ServiceItemAdded(NEW_ITEM, "困难补助", MZJ, 7, MATERIALS, ADMIN, AT, AT));
    }

    @Test
    void aServiceItemOfAUnitThatIsNotALineDepartmentIsRejected() {
        fixture.given(seed())
                .when(new AddServiceItem(ID, NEW_ITEM, "困难补助", CENTRE, 7, MATERIALS, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT));
    }

    @Test
    void aLimitOfZeroWorkingDaysIsRejected() {
        fixture.given(seed())
                .when(new AddServiceItem(ID, NEW_ITEM, "困难补助", MZJ, 0, MATERIALS, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aDuplicateServiceItemCodeIsRejected() {
        fixture.given(seed())
                .when(new AddServiceItem(ID, ITEM, "临时救助", MZJ, 5, MATERIALS, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_ALREADY_EXISTS));
    }

    @Test
    void anAdministratorChangesAServiceItemsLimit() {
        fixture.given(seed())
                .when(new ChangeServiceItem(ID, ITEM, "临时救助", MZJ, 3, MATERIALS, ADMIN, AT))
                .expectEvents(new ServiceItemChanged(ITEM, "临时救助", MZJ, 3, MATERIALS, ADMIN, AT, AT));
    }

    @Test
    void anUnknownServiceItemCannotBeChanged() {
        fixture.given(seed())
                .when(new ChangeServiceItem(ID, NEW_ITEM, "x", MZJ, 3, MATERIALS, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.UNKNOWN_SERVICE_ITEM));
    }

    @Test
    void anAdministratorWithdrawsAndRestoresAServiceItem() {
        fixture.given(seed())
                .when(new DeactivateServiceItem(ID, ITEM, "并入MZ-001", ADMIN, AT))
                .expectEvents(new ServiceItemDeactivated(ITEM, "并入MZ-001", ADMIN, AT, AT));
        fixture.given(seed(), new ServiceItemDeactivated(ITEM, "并入MZ-001", ADMIN, AT, AT))
                .when(new ReactivateServiceItem(ID, ITEM, ADMIN, AT))
                .expectEvents(new ServiceItemReactivated(ITEM, ADMIN, AT, AT));
    }

    @Test
    void restoringAnActiveServiceItemIsRejected() {
        fixture.given(seed())
                .when(new ReactivateServiceItem(ID, ITEM, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_STATE_UNCHANGED));
    }

    @Test
    void restoringAnItemOfAClosedDepartmentIsRejected() {
        fixture.given(seed(), new ServiceItemDeactivated(ITEM, "并入", ADMIN, AT, AT),
                        new OrgUnitDeactivated(MZJ, "机构改革", ADMIN, AT, AT))
                .when(new ReactivateServiceItem(ID, ITEM, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_AN_ACTIVE_LINE_DEPARTMENT));
    }

    @Test
    void reopeningAnOpenUnitIsRejected() {
        fixture.given(seed())
                .when(new ReactivateOrgUnit(ID, WINDOW, ADMIN, AT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.REFERENCE_STATE_UNCHANGED));
    }
}
