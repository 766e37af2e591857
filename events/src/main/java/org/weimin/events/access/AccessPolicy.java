package org.weimin.events.access;

import java.util.Map;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * Who may do what (issue 7): role × {@link Action} × {@link CaseScope}, in one pure place. Two checks, in this order:
 * <ol>
 *   <li>{@link #requireRole}: the caller holds one of the action's roles, checked by the API before a command is
 *       sent or a store is read (403 {@code FORBIDDEN});</li>
 *   <li>scope: {@link #requireCommandScope} inside the {@code Case} aggregate before any other rule of the command,
 *       against the aggregate's own state (no race with projections; an out-of-scope caller learns nothing of the
 *       case's state), and {@link #mayRead} for reads against the case document.</li>
 * </ol>
 * Out of scope is 403: {@code NOT_CASE_HOLDER} for the handling scopes, {@code FORBIDDEN} for the others. A denial
 * appends nothing.
 */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    /** Whether {@code staff} holds a role that may attempt {@code action} (scope aside). */
    public static boolean hasRoleFor(StaffMember staff, Action action) {
        return action.roles().stream().anyMatch(r -> staff.hasRole(r.claim()));
    }

    /** @throws DomainException {@code FORBIDDEN} when no role of {@code staff} may attempt {@code action} */
    public static void requireRole(StaffMember staff, Action action) {
        if (!hasRoleFor(staff, action)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role does not allow this (" + action + ").",
                    Map.of("action", action.name()));
        }
    }

    /**
     * Whether the caller acts in a supervising capacity for an {@code OVER_*} action: a supervisor, or a unit head
     * where the action allows one (extensions). Carried into the command so that the aggregate can judge scope.
     */
    public static boolean oversees(StaffMember staff, Action action) {
        return switch (action.scope()) {
            case OVER_HOLDER, OVER_COMPLETING_UNIT, OVER_CUSTODIAN -> hasRoleFor(staff, action)
                    && (staff.hasRole(Role.SUPERVISOR.claim())
                    || (staff.hasRole(Role.UNIT_HEAD.claim()) && action.roles().contains(Role.UNIT_HEAD)));
            default -> false;
        };
    }

    /**
     * The scope of a case command, judged on the aggregate's own custody.
     *
     * @param actorUnit the caller's unit
     * @param oversees  {@link #oversees} as the API computed it
     * @throws DomainException {@code NOT_CASE_HOLDER} (403) outside a handling scope, {@code FORBIDDEN} (403) outside
     *                         a supervising one
     */
    public static void requireCommandScope(Action action, UnitId actorUnit, boolean oversees, CaseCustody custody,
                                           OrgTree tree) {
        switch (action.scope()) {
            case HOLDER -> {
                if (!custody.holder().equals(actorUnit)) {
                    throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                            "The case is held by " + custody.holder() + ", not by " + actorUnit + ".");
                }
            }
            case COMPLETING_UNIT -> {
                if (!custody.completingOrHolder().equals(actorUnit)) {
                    throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                            "Only " + custody.completingOrHolder() + " may do this on the case.");
                }
            }
            case OVER_HOLDER -> requireOver(oversees, custody.holder(), actorUnit, tree);
            case OVER_COMPLETING_UNIT -> requireOver(oversees, custody.completingOrHolder(), actorUnit, tree);
            case OVER_CUSTODIAN -> {
                if (!oversees || custody.custodians().stream().noneMatch(u -> tree.isWithin(u, actorUnit))) {
                    throw new DomainException(ErrorCode.FORBIDDEN,
                            "Only a supervisor over a unit that held the case may do this.");
                }
            }
            case NONE, READ_CASE -> throw new IllegalArgumentException(action + " is not a case command");
        }
    }

    private static void requireOver(boolean oversees, UnitId unit, UnitId actorUnit, OrgTree tree) {
        if (!oversees || !tree.isWithin(unit, actorUnit)) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Only a supervisor of unit " + unit + " or of a unit above it may do this.");
        }
    }

    /**
     * Whether {@code staff} may read a case for {@code action} ({@link Action#READ_CASE}, {@link Action#READ_TRAIL}):
     * auditors always; supervisors when a unit of the case lies in their subtree; other staff when they are the
     * first-contact officer or their own unit received (through one of its windows), holds, held or completed it.
     * Administrators and importers never.
     */
    public static boolean mayRead(StaffMember staff, Action action, CaseCustody custody, OrgTree tree) {
        if (!hasRoleFor(staff, action)) {
            return false;
        }
        if (action.roles().contains(Role.AUDITOR) && staff.hasRole(Role.AUDITOR.claim())) {
            return true;
        }
        if (staff.hasRole(Role.SUPERVISOR.claim()) && custody.custodians().stream()
                .anyMatch(u -> tree.isWithin(u, staff.unit()))) {
            return true;
        }
        boolean handlingRole = action.roles().stream().anyMatch(r -> r != Role.SUPERVISOR && r != Role.AUDITOR
                && staff.hasRole(r.claim()));
        return handlingRole && (staff.id().equals(custody.firstContactOfficer())
                || custody.custodians().stream().anyMatch(u -> ownUnit(u, staff.unit(), tree)));
    }

    /** The unit itself, or one of its windows. */
    private static boolean ownUnit(UnitId unit, UnitId staffUnit, OrgTree tree) {
        if (unit.equals(staffUnit)) {
            return true;
        }
        return tree.find(unit).filter(u -> u.kind() == OrgUnitKind.WINDOW).map(OrgUnit::parent)
                .filter(staffUnit::equals).isPresent();
    }

    /** @throws DomainException {@code FORBIDDEN} unless {@link #mayRead} */
    public static void requireRead(StaffMember staff, Action action, CaseCustody custody, OrgTree tree) {
        if (!mayRead(staff, action, custody, tree)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This case is outside your scope.");
        }
    }
}
