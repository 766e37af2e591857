package org.weimin.ops.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.StaffMember;
import org.weimin.ops.ledger.LedgerKeyRing;
import org.weimin.ops.privacy.JdbcPersonalDataVault;

/**
 * {@code /api/admin/keys} (administrators; {@link KeyAdministration}): the key inventory and the two rotations. No
 * reply carries a secret key. Errors: {@code FORBIDDEN} (403).
 */
@RestController
public class KeyAdminController {
    private final KeyAdministration keys;

    public KeyAdminController(KeyAdministration keys) {
        this.keys = keys;
    }

    @GetMapping("/api/admin/keys")
    public KeyAdministration.Inventory inventory(StaffMember admin) {
        return keys.inventory(admin);
    }

    /** Re-wraps the applicant data keys under a new KEK generation: {@code {generation, rewrapped, complete}}. */
    @PostMapping("/api/admin/keys/applicant-kek/rotate")
    public JdbcPersonalDataVault.KekRotation rotateApplicantKek(StaffMember admin) {
        return keys.rotateApplicantKek(admin);
    }

    /** A new current ledger signing key: {@code {keyId, publicKey, createdAt, retiredAt, current}}. */
    @PostMapping("/api/admin/keys/ledger-signing/rotate")
    public LedgerKeyRing.KeyInfo rotateLedgerSigningKey(StaffMember admin) {
        return keys.rotateLedgerSigningKey(admin);
    }
}
