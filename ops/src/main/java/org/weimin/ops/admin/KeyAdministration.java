package org.weimin.ops.admin;

import java.util.List;
import org.springframework.stereotype.Service;
import org.weimin.events.StaffMember;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.ops.ledger.LedgerKeyRing;
import org.weimin.ops.open311.ApiKeyStore;
import org.weimin.ops.privacy.JdbcPersonalDataVault;
import org.weimin.ops.privacy.MasterKey;

/**
 * Key management for administrators (issue 7, README "Key management"): an inventory of every server key without
 * any secret, and the two rotations that need no re-encryption of the record (the applicant-data KEK, the ledger
 * signing key). The master secret itself is not rotated here (README explains why and how).
 */
@Service
public class KeyAdministration {
    private final MasterKey master;
    private final JdbcPersonalDataVault vault;
    private final LedgerKeyRing ledgerKeys;
    private final ApiKeyStore apiKeys;

    public KeyAdministration(MasterKey master, JdbcPersonalDataVault vault, LedgerKeyRing ledgerKeys,
                             ApiKeyStore apiKeys) {
        this.master = master;
        this.vault = vault;
        this.ledgerKeys = ledgerKeys;
        this.apiKeys = apiKeys;
    }

    /** The master key: where it came from and a fingerprint (16 hex digits) that reveals nothing about it. */
    public record MasterKeyInfo(String source, String fingerprint) {
    }

    /** Open311 API keys by state. */
    public record ApiKeyCounts(long active, long revoked) {
    }

    /** {@code GET /api/admin/keys}: ids, generations, public keys and counts only. */
    public record Inventory(MasterKeyInfo masterKey, JdbcPersonalDataVault.KekStatus applicantDataKeys,
                            List<LedgerKeyRing.KeyInfo> ledgerSigningKeys, ApiKeyCounts open311Keys) {
    }

    /** @throws org.weimin.events.DomainException {@code FORBIDDEN} for anyone but an administrator */
    public Inventory inventory(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        long active = apiKeys.all().stream().filter(k -> k.revokedAt() == null).count();
        return new Inventory(new MasterKeyInfo(master.source(), master.fingerprint()), vault.kekStatus(),
                ledgerKeys.keys(), new ApiKeyCounts(active, apiKeys.all().size() - active));
    }

    /**
     * Re-wraps every live applicant data key under a new KEK generation (or finishes an interrupted rotation).
     *
     * @throws org.weimin.events.DomainException {@code FORBIDDEN} for anyone but an administrator
     */
    public JdbcPersonalDataVault.KekRotation rotateApplicantKek(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return vault.rotateKek();
    }

    /**
     * A new ledger signing key; earlier public keys are kept for verifying earlier checkpoints.
     *
     * @throws org.weimin.events.DomainException {@code FORBIDDEN} for anyone but an administrator
     */
    public LedgerKeyRing.KeyInfo rotateLedgerSigningKey(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return ledgerKeys.rotate();
    }
}
