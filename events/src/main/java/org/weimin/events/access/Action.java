package org.weimin.events.access;

import static org.weimin.events.access.Role.ADMINISTRATOR;
import static org.weimin.events.access.Role.AUDITOR;
import static org.weimin.events.access.Role.IMPORTER;
import static org.weimin.events.access.Role.LINE_DEPARTMENT_HANDLER;
import static org.weimin.events.access.Role.SUPERVISOR;
import static org.weimin.events.access.Role.UNIT_HEAD;
import static org.weimin.events.access.Role.WINDOW_STAFF;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every staff command and query of the API, with the roles that may attempt it and the {@link CaseScope} it needs
 * (issue 7 "Who may do what"; rules.md "Actors and time", "Custody"). This enum and {@link AccessPolicy} are the one
 * place where the matrix lives; the README's table is written from it.
 */
public enum Action {
    RECEIVE(CaseScope.NONE, WINDOW_STAFF, UNIT_HEAD),
    FORWARD(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    ACCEPT(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    RETURN(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    NOTIFY_MISSING_MATERIALS(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    SUPPLEMENT(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    NOTIFY_PROGRESS(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    NOTIFY_RESULT(CaseScope.COMPLETING_UNIT, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    COMPLETE(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    REQUEST_EXTENSION(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    ANSWER_SUPERVISION_ORDER(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    RECORD_RECTIFICATION_STEP(CaseScope.COMPLETING_UNIT, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    /** A unit head approves its own unit's extensions; supervisors those of their subtree. */
    APPROVE_EXTENSION(CaseScope.OVER_HOLDER, SUPERVISOR, UNIT_HEAD),
    REFUSE_EXTENSION(CaseScope.OVER_HOLDER, SUPERVISOR, UNIT_HEAD),
    JUSTIFY_BREACH(CaseScope.OVER_HOLDER, SUPERVISOR),
    ISSUE_SUPERVISION_ORDER(CaseScope.OVER_HOLDER, SUPERVISOR),
    URGE(CaseScope.OVER_HOLDER, SUPERVISOR),
    RECORD_FINDING(CaseScope.OVER_CUSTODIAN, SUPERVISOR),
    REOPEN(CaseScope.OVER_COMPLETING_UNIT, SUPERVISOR),

    /** Staff view {@code GET /api/cases/{id}} and the point-in-time view. */
    READ_CASE(CaseScope.READ_CASE, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER, SUPERVISOR, AUDITOR),
    /** The accountability trail: for those who supervise or audit, not for the handling staff. */
    READ_TRAIL(CaseScope.READ_CASE, SUPERVISOR, AUDITOR),
    /** The caller's own unit's queue of open cases. */
    UNIT_QUEUE(CaseScope.NONE, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER),
    /** Search, export, figures: a supervisor's subtree (a unit filter outside it is out of scope), auditors all. */
    SEARCH(CaseScope.NONE, SUPERVISOR, AUDITOR),
    /** Escalations, deemed acceptances and pending extensions of the subtree. */
    SUPERVISOR_QUEUE(CaseScope.NONE, SUPERVISOR),

    /**
     * An unmasked view of the applicant's personal data, recorded on the case before it is answered (rules.md
     * "Personal data"): auditors any case; handling staff and supervisors only when their own unit holds the case now
     * (judged by the {@code Case} aggregate on its own custody).
     */
    VIEW_PERSONAL_DATA(CaseScope.HOLDER, WINDOW_STAFF, UNIT_HEAD, LINE_DEPARTMENT_HANDLER, SUPERVISOR, AUDITOR),
    /** Crypto-shredding of one applicant's data key, recorded on each of their cases. */
    ERASE_APPLICANT_DATA(CaseScope.NONE, ADMINISTRATOR),

    /** One case's hash chain (tamper-evident ledger): like the trail, for those who supervise or audit. */
    VERIFY_CASE_LEDGER(CaseScope.READ_CASE, SUPERVISOR, AUDITOR),
    /** The whole store's chains and checkpoints. */
    VERIFY_LEDGER(CaseScope.NONE, AUDITOR),

    /** Reference data (calendar, users), projections, keys, ledger checkpoints. */
    ADMINISTER(CaseScope.NONE, ADMINISTRATOR),
    /** The import API. */
    IMPORT(CaseScope.NONE, IMPORTER);

    private final CaseScope scope;
    private final Set<Role> roles;

    Action(CaseScope scope, Role first, Role... more) {
        this.scope = scope;
        this.roles = Set.copyOf(EnumSet.of(first, more));
    }

    /** The relation to the case this action needs. */
    public CaseScope scope() {
        return scope;
    }

    /** The roles that may attempt it (scope still applies). */
    public Set<Role> roles() {
        return roles;
    }

    /** Whether it changes a case (a command on the {@code Case} aggregate). */
    public boolean isCaseCommand() {
        return ordinal() <= REOPEN.ordinal();
    }
}
