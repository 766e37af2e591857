package org.weimin.ops.admin;

import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.weimin.command.keys.ServerKey;
import org.weimin.command.keys.ServerKey.RecordKeyRotation;
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
 * signing key). The master secret itself is not rotated here (README explains why and how). Each rotation is recorded
 * as a {@code KeyRotated} event after the key store changed (a crash in between leaves a rotation unrecorded, never
 * a recorded one undone; the inventory shows the state either way).
 */
@Service
public class KeyAdministration {
    private final MasterKey master;
    private final JdbcPersonalDataVault vault;
    private final LedgerKeyRing ledgerKeys;
    private final ApiKeyStore apiKeys;
    private final CommandGateway commands;
    private final Clock clock;

    public KeyAdministration(MasterKey master, JdbcPersonalDataVault vault, LedgerKeyRing ledgerKeys,
                             ApiKeyStore apiKeys, CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
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
        int before = vault.kekStatus().generation();
        JdbcPersonalDataVault.KekRotation rotation = vault.rotateKek();
        int previous = rotation.generation() == before ? before - 1 : before;
        record(admin, "applicant-kek", "g" + previous, "g" + rotation.generation(), rotation.rewrapped(),
                rotation.complete());
        return rotation;
    }

    /**
     * A new ledger signing key; earlier public keys are kept for verifying earlier checkpoints.
     *
     * @throws org.weimin.events.DomainException {@code FORBIDDEN} for anyone but an administrator
     */
    public LedgerKeyRing.KeyInfo rotateLedgerSigningKey(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        String previous = ledgerKeys.current().keyId();
        LedgerKeyRing.KeyInfo fresh = ledgerKeys.rotate();
        record(admin, "ledger-signing", previous, fresh.keyId(), 0, true);
        return fresh;
    }

    private void record(StaffMember admin, String key, String previous, String next, long rewrapped,
                        boolean complete) {
        commands.sendAndWait(new RecordKeyRotation(ServerKey.idOf(key), key, previous, next, rewrapped, complete,
                admin.asActor(), clock.instant()));
    }
}
