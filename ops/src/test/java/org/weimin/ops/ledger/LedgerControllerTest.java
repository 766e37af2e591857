package org.weimin.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.projections.cases.CaseRecords;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;

/**
 * Who may verify what through {@link LedgerController} (auditors everything; supervisors the cases their subtree
 * received or held; nobody else), and the shape of the per-case report, over a real in-memory store.
 */
class LedgerControllerTest {
    private static final OrgTree TREE = OrgTree.of(List.of(
            unit("SFQ", OrgUnitKind.DISTRICT, null),
            unit("SFQ-MZJ", OrgUnitKind.LINE_DEPARTMENT, "SFQ"),
            unit("JJD", OrgUnitKind.STREET, "SFQ"),
            unit("JJD-ZX", OrgUnitKind.SERVICE_CENTRE, "JJD"),
            unit("JJD-ZX-W01", OrgUnitKind.WINDOW, "JJD-ZX"),
            unit("YJD", OrgUnitKind.STREET, "SFQ")));
    private LedgerStoreFixture store;
    private LedgerController controller;
    private Ledger ledger;

    @BeforeEach
    void setUp() throws Exception {
        store = new LedgerStoreFixture();
        store.appendCase("case-a", 3);
        CaseView view = mock(CaseView.class);
        when(view.window()).thenReturn("JJD-ZX-W01");
        when(view.holder()).thenReturn("SFQ-MZJ");
        when(view.custody()).thenReturn(List.of(new CaseRecords.CustodyChange(1, "FORWARDED", "JJD-ZX", "SFQ-MZJ",
                "转办", LedgerStoreFixture.T0, "jjd-window", null)));
        CaseViews views = mock(CaseViews.class);
        when(views.byId(CaseId.of("case-a"))).thenReturn(Optional.of(view));
        when(views.byId(CaseId.of("case-b"))).thenReturn(Optional.empty());
        ledger = new Ledger(new SingleConnectionDataSource(store.connection, true), new LedgerAppendGate(),
                new LedgerKeyRing(new SingleConnectionDataSource(store.connection, true), null,
                        LedgerSigningKey.ephemeral(), Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC)),
                Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC),
                Duration.ZERO);
        controller = new LedgerController(ledger, views, TREE);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void anAuditorGetsTheCaseReportWithTheCheckpointsCoverage() {
        Map<String, Object> before = controller.verifyCase(staff("SFQ", "auditor"), "case-a");
        assertThat(before).containsEntry("caseId", "case-a").containsEntry("events", 3L)
                .containsEntry("hashedEvents", 3L).containsEntry("unhashedEvents", 0L).containsEntry("verified", true)
                .containsEntry("firstBrokenLink", null).containsEntry("checkpoint", null);
        ledger.checkpoint();
        Map<String, Object> after = controller.verifyCase(staff("SFQ", "auditor"), "case-a");
        @SuppressWarnings("unchecked")
        Map<String, Object> checkpoint = (Map<String, Object>) after.get("checkpoint");
        assertThat(checkpoint).containsEntry("eventsCovered", 3L).containsEntry("signatureValid", true)
                .containsEntry("createdAt", "2026-03-02T03:00:00Z");
    }

    @Test
    void aBrokenLinkIsInTheReport() throws Exception {
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 1");
        Map<String, Object> report = controller.verifyCase(staff("SFQ", "auditor"), "case-a");
        assertThat(report).containsEntry("verified", false);
        assertThat(((BrokenLink) report.get("firstBrokenLink")).sequence()).isEqualTo(1);
    }

    @Test
    void supervisorsOfTheReceivingOrAHoldingUnitMayVerify() {
        assertThat(controller.verifyCase(staff("JJD", "supervisor"), "case-a")).containsEntry("verified", true);
        assertThat(controller.verifyCase(staff("SFQ-MZJ", "supervisor"), "case-a")).containsEntry("verified", true);
    }

    @Test
    void othersMayNot() {
        assertThat(refusal(() -> controller.verifyCase(staff("YJD", "supervisor"), "case-a")))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.verifyCase(staff("JJD-ZX", "window-staff"), "case-a")))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.verifyCase(staff("SFQ", "administrator"), "case-a")))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.verifyStore(staff("SFQ", "supervisor")))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        assertThat(refusal(() -> controller.verifyCase(staff("SFQ", "auditor"), "case-b")))
                .isEqualTo(ErrorCode.CASE_NOT_FOUND);
        assertThat(refusal(() -> controller.verifyCase(staff("SFQ", "supervisor"), "case-b")))
                .isEqualTo(ErrorCode.CASE_NOT_FOUND);
    }

    @Test
    void anAuditorVerifiesTheWholeStore() throws Exception {
        ledger.checkpoint();
        assertThat(controller.verifyStore(staff("SFQ", "auditor"))).containsEntry("verified", true)
                .containsEntry("events", 3L).containsEntry("brokenCases", 0L).containsEntry("checkpoints", 1L);
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 2");
        Map<String, Object> cut = controller.verifyStore(staff("SFQ", "auditor"));
        assertThat(cut).containsEntry("verified", false).containsEntry("brokenCases", 0L);
        assertThat((String) cut.get("latestCheckpointMismatch")).contains("the store has 2");
    }

    private static ErrorCode refusal(Runnable call) {
        return catchThrowableOfType(call::run, DomainException.class).code();
    }

    private static StaffMember staff(String unit, String role) {
        return new StaffMember(new StaffId("someone"), new UnitId(unit), Set.of(role));
    }

    private static OrgUnit unit(String id, OrgUnitKind kind, String parent) {
        return new OrgUnit(new UnitId(id), id, kind, parent == null ? null : new UnitId(parent), true);
    }
}
