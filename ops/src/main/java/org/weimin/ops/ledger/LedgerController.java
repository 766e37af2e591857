package org.weimin.ops.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.weimin.query.cases.CaseQueryController;
import org.weimin.events.StaffMember;
import org.weimin.events.org.OrgTree;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;

/**
 * The ledger's HTTP API (issue 7, "Tamper-evident ledger"):
 * <ul>
 *   <li>{@code GET /api/audit/cases/{id}/verify}: one case's hash chain (auditors; supervisors whose subtree holds the
 *       window that received it or a unit that held it, as for the trail) →
 *       {@code {caseId, events, hashedEvents, unhashedEvents, verified, firstBrokenLink: {sequence, globalIndex,
 *       reason} | null, checkpoint: {id, createdAt, headIndex, signatureValid, eventsCovered} | null}};</li>
 *   <li>{@code GET /api/audit/ledger/verify}: the whole store (auditors only; reads every event once);</li>
 *   <li>{@code POST /api/admin/ledger/checkpoints}: write a signed checkpoint now (administrators) → 201.</li>
 * </ul>
 * Errors: {@code FORBIDDEN} (403), {@code CASE_NOT_FOUND} (404: no stored event, or a supervisor's case unknown to the
 * case view), {@code SERVICE_UNAVAILABLE} (503).
 */
@RestController
public class LedgerController {
    /** The whole-store report lists at most this many broken cases (the count is complete). */
    static final int MAX_LISTED = 100;

    private final Ledger ledger;
    private final CaseViews views;
    private final OrgTree orgTree;

    public LedgerController(Ledger ledger, CaseViews views, OrgTree orgTree) {
        this.ledger = ledger;
        this.views = views;
        this.orgTree = orgTree;
    }

    /** @throws DomainException {@code FORBIDDEN}, {@code CASE_NOT_FOUND}, {@code SERVICE_UNAVAILABLE} */
    @GetMapping("/api/audit/cases/{caseId}/verify")
    public Map<String, Object> verifyCase(StaffMember staff, @PathVariable String caseId) {
        AccessPolicy.requireRole(staff, Action.VERIFY_CASE_LEDGER);
        if (!staff.hasRole(Role.AUDITOR.claim())) {
            CaseView view = views.byId(CaseId.of(caseId))
                    .orElseThrow(() -> new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case."));
            AccessPolicy.requireRead(staff, Action.VERIFY_CASE_LEDGER, CaseQueryController.custodyOf(view), orgTree);
        }
        Optional<Checkpoint> checkpoint = ledger.latestCheckpoint();
        LedgerVerifier.CaseResult result = ledger.verifyCase(caseId, checkpoint);
        CaseVerification v = result.verification();
        if (v.events() == 0) {
            throw new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", v.caseId());
        body.put("events", v.events());
        body.put("hashedEvents", v.hashedEvents());
        body.put("unhashedEvents", v.unhashedEvents());
        body.put("verified", v.verified());
        body.put("firstBrokenLink", v.firstBrokenLink());
        body.put("checkpoint", checkpoint.map(c -> {
            Map<String, Object> cp = checkpointJson(c);
            cp.put("eventsCovered", result.eventsCoveredByCheckpoint());
            return cp;
        }).orElse(null));
        return body;
    }

    /** @throws DomainException {@code FORBIDDEN} unless auditor; {@code SERVICE_UNAVAILABLE} */
    @GetMapping("/api/audit/ledger/verify")
    public Map<String, Object> verifyStore(StaffMember staff) {
        AccessPolicy.requireRole(staff, Action.VERIFY_LEDGER);
        List<CaseVerification> broken = new ArrayList<>();
        StoreVerification v = ledger.verifyStore(c -> {
            if (broken.size() < MAX_LISTED) {
                broken.add(c);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verified", v.verified());
        body.put("events", v.events());
        body.put("cases", v.cases());
        body.put("unhashedEvents", v.unhashedEvents());
        body.put("brokenCases", v.brokenCases());
        body.put("firstBrokenLinks", broken);
        body.put("checkpoints", v.checkpoints());
        body.put("badSignatures", v.badSignatures());
        body.put("checkpointsOutOfOrder", v.checkpointsOutOfOrder());
        body.put("latestCheckpoint", v.latestCheckpoint() == null ? null : checkpointJson(v.latestCheckpoint()));
        body.put("latestCheckpointMismatch", v.latestCheckpointMismatch());
        return body;
    }

    /** Administrators: a signed checkpoint now. @throws DomainException {@code SERVICE_UNAVAILABLE} */
    @PostMapping("/api/admin/ledger/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> checkpoint() {
        return checkpointJson(ledger.checkpoint());
    }

    private Map<String, Object> checkpointJson(Checkpoint c) {
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("id", c.id());
        cp.put("createdAt", c.createdAt());
        cp.put("headIndex", c.headIndex());
        cp.put("eventCount", c.eventCount());
        cp.put("caseCount", c.caseCount());
        cp.put("digest", c.digest());
        cp.put("keyId", c.keyId());
        cp.put("signatureValid", ledger.signatureValid(c));
        return cp;
    }
}
