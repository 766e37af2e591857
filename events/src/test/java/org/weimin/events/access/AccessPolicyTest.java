package org.weimin.events.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/** The pure policy: who may attempt what, who oversees, who reads which case. */
class AccessPolicyTest {
    static final UnitId CITY = UnitId.of("CITY");
    static final UnitId STREET = UnitId.of("S01");
    static final UnitId CENTRE = UnitId.of("S01-C");
    static final UnitId WINDOW = UnitId.of("S01-C-W01");
    static final UnitId OTHER_STREET = UnitId.of("S02");
    static final UnitId OTHER_CENTRE = UnitId.of("S02-C");
    static final OrgTree TREE = OrgTree.of(List.of(
            new OrgUnit(CITY, "市", OrgUnitKind.CITY, null, true),
            new OrgUnit(STREET, "甲街道", OrgUnitKind.STREET, CITY, true),
            new OrgUnit(CENTRE, "甲中心", OrgUnitKind.SERVICE_CENTRE, STREET, true),
            new OrgUnit(WINDOW, "1号窗口", OrgUnitKind.WINDOW, CENTRE, true),
            new OrgUnit(OTHER_STREET, "乙街道", OrgUnitKind.STREET, CITY, true),
            new OrgUnit(OTHER_CENTRE, "乙中心", OrgUnitKind.SERVICE_CENTRE, OTHER_STREET, true)));
    /** Received at the window of 甲中心 by {@code officer}, held there. */
    static final CaseCustody RECEIVED = new CaseCustody(CENTRE, null, Set.of(WINDOW, CENTRE), StaffId.of("officer"));

    static StaffMember member(String id, UnitId unit, Role role) {
        return new StaffMember(StaffId.of(id), unit, Set.of(role.claim()));
    }

    @Test
    void everyRoleNameRoundTripsAndAnUnknownNameGrantsNothing() {
        for (Role role : Role.values()) {
            assertThat(Role.ofClaim(role.claim())).contains(role);
        }
        assertThat(Role.ofClaim("root")).isEmpty();
        StaffMember nobody = new StaffMember(StaffId.of("x"), CENTRE, Set.of("root"));
        for (Action action : Action.values()) {
            assertThat(AccessPolicy.hasRoleFor(nobody, action)).as("%s", action).isFalse();
        }
    }

    @Test
    void auditorsChangeNothingAndAdministratorsTouchNoCase() {
        for (Action action : Action.values()) {
            if (action.isCaseCommand()) {
                assertThat(action.roles()).as("%s", action).doesNotContain(Role.AUDITOR, Role.ADMINISTRATOR,
                        Role.IMPORTER);
            }
        }
        assertThat(Action.READ_CASE.roles()).doesNotContain(Role.ADMINISTRATOR, Role.IMPORTER);
        assertThatThrownBy(() -> AccessPolicy.requireRole(member("a", CITY, Role.AUDITOR), Action.COMPLETE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void aUnitHeadOverseesExtensionsOnlyAndASupervisorEveryOversight() {
        StaffMember head = member("head", CENTRE, Role.UNIT_HEAD);
        StaffMember supervisor = member("sup", STREET, Role.SUPERVISOR);
        assertThat(AccessPolicy.oversees(head, Action.APPROVE_EXTENSION)).isTrue();
        assertThat(AccessPolicy.oversees(head, Action.URGE)).isFalse();
        assertThat(AccessPolicy.oversees(supervisor, Action.URGE)).isTrue();
        assertThat(AccessPolicy.oversees(supervisor, Action.COMPLETE)).as("handling is no oversight").isFalse();
    }

    @Test
    void handlingScopeIsTheHolderAndOversightTheSubtree() {
        AccessPolicy.requireCommandScope(Action.COMPLETE, CENTRE, false, RECEIVED, TREE);
        assertThatThrownBy(() -> AccessPolicy.requireCommandScope(Action.COMPLETE, OTHER_CENTRE, false, RECEIVED,
                TREE)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_CASE_HOLDER));
        AccessPolicy.requireCommandScope(Action.URGE, STREET, true, RECEIVED, TREE);
        assertThatThrownBy(() -> AccessPolicy.requireCommandScope(Action.URGE, OTHER_STREET, true, RECEIVED, TREE))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> AccessPolicy.requireCommandScope(Action.URGE, STREET, false, RECEIVED, TREE))
                .as("the right unit without the supervising capacity").isInstanceOf(DomainException.class);
    }

    @Test
    void readersAreTheReceivingUnitTheFirstContactOfficerSupervisorsAboveAndAuditors() {
        assertThat(AccessPolicy.mayRead(member("colleague", CENTRE, Role.WINDOW_STAFF), Action.READ_CASE, RECEIVED,
                TREE)).isTrue();
        assertThat(AccessPolicy.mayRead(member("officer", OTHER_CENTRE, Role.WINDOW_STAFF), Action.READ_CASE,
                RECEIVED, TREE)).as("the first-contact officer, moved to another centre").isTrue();
        assertThat(AccessPolicy.mayRead(member("stranger", OTHER_CENTRE, Role.WINDOW_STAFF), Action.READ_CASE,
                RECEIVED, TREE)).isFalse();
        assertThat(AccessPolicy.mayRead(member("staff-above", STREET, Role.WINDOW_STAFF), Action.READ_CASE, RECEIVED,
                TREE)).as("staff of a unit above read only their own unit's cases").isFalse();
        assertThat(AccessPolicy.mayRead(member("sup", STREET, Role.SUPERVISOR), Action.READ_CASE, RECEIVED, TREE))
                .isTrue();
        assertThat(AccessPolicy.mayRead(member("sup2", OTHER_STREET, Role.SUPERVISOR), Action.READ_CASE, RECEIVED,
                TREE)).isFalse();
        assertThat(AccessPolicy.mayRead(member("aud", OTHER_STREET, Role.AUDITOR), Action.READ_CASE, RECEIVED, TREE))
                .isTrue();
        assertThat(AccessPolicy.mayRead(member("adm", CITY, Role.ADMINISTRATOR), Action.READ_CASE, RECEIVED, TREE))
                .isFalse();
        assertThat(AccessPolicy.mayRead(member("colleague", CENTRE, Role.WINDOW_STAFF), Action.READ_TRAIL, RECEIVED,
                TREE)).as("the trail is for oversight").isFalse();
    }
}
