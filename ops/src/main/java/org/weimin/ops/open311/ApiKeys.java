package org.weimin.ops.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.open311.ApiKey;
import org.weimin.command.open311.ApiKeyCommands.IssueApiKey;
import org.weimin.command.open311.ApiKeyCommands.RevokeApiKey;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.org.OrgTree;
import org.weimin.ops.open311.ApiKeyStore.StoredKey;

/**
 * Open311 API keys (issue 9): administrators issue them (each bound to a receiving window and a label), list and
 * revoke them; {@link #authenticate} finds the valid key a request carries. A key is 32 bytes from
 * {@link SecureRandom}, base64url without padding (43 characters), shown once in the issue reply; the store keeps only
 * its SHA-256 (a 256-bit random key needs no slow or keyed hash: nothing can be guessed from the digest). Issuance and
 * revocation are {@code ApiKey} events appended in the same transaction as the table change, so the record says who
 * issued or revoked which key when; neither the key nor its hash is in any event.
 */
@Service
public class ApiKeys {
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final OrgTree orgTree;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, CommandGateway commands, TransactionTemplate transactions, OrgTree orgTree,
                   Clock clock) {
        this.store = store;
        this.commands = commands;
        this.transactions = transactions;
        this.orgTree = orgTree;
        this.clock = clock;
    }

    /** A key as administrators see it: never the key or its hash. */
    public record KeySummary(String keyId, String label, String window, Instant issuedAt, String issuedBy,
                             Instant revokedAt, boolean active) {
        static KeySummary of(StoredKey key) {
            return new KeySummary(key.keyId(), key.label(), key.window(), key.issuedAt(), key.issuedBy(),
                    key.revokedAt(), key.revokedAt() == null);
        }
    }

    /** The issue reply: the summary and the key itself, which is shown here once and nowhere else. */
    public record IssuedKey(KeySummary key, String apiKey) {
        @Override
        public String toString() {
            return "IssuedKey[" + key.keyId() + "]";
        }
    }

    /**
     * Issues a key bound to {@code window}.
     *
     * @throws DomainException {@code FORBIDDEN} for a non-administrator, {@code UNKNOWN_ORG_UNIT},
     *                         {@code NOT_A_WINDOW_OF_STAFF_UNIT} (not a window), {@code INACTIVE_REFERENCE}
     */
    public IssuedKey issue(StaffMember admin, String label, String window) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        OrgUnit unit = orgTree.require(UnitId.of(window));
        if (unit.kind() != OrgUnitKind.WINDOW) {
            throw new DomainException(ErrorCode.NOT_A_WINDOW_OF_STAFF_UNIT,
                    "An API key is bound to a receiving window; " + unit.id() + " is a " + unit.kind() + ".",
                    Map.of("window", window));
        }
        if (!unit.active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Window " + unit.id() + " is closed.",
                    Map.of("window", window));
        }
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        String apiKey = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String keyId = "k-" + HexFormat.of().formatHex(id);
        Instant now = clock.instant();
        StoredKey key = new StoredKey(keyId, hash(apiKey), label.strip(), unit.id().value(), now,
                admin.id().value(), null);
        transactions.executeWithoutResult(status -> {
            store.insert(key);
            commands.sendAndWait(new IssueApiKey(ApiKey.idOf(keyId), keyId, key.label(), unit.id(), admin.asActor(),
                    now));
        });
        return new IssuedKey(KeySummary.of(key), apiKey);
    }

    public List<KeySummary> list(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return store.all().stream().map(KeySummary::of).toList();
    }

    /** @throws DomainException {@code API_KEY_NOT_FOUND}, {@code API_KEY_ALREADY_REVOKED} */
    public KeySummary revoke(StaffMember admin, String keyId, String reason) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        StoredKey key = store.find(keyId).orElseThrow(() -> new DomainException(ErrorCode.API_KEY_NOT_FOUND,
                "No API key " + keyId + "."));
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            commands.sendAndWait(new RevokeApiKey(ApiKey.idOf(keyId), reason.strip(), admin.asActor(), now));
            store.revoke(keyId, now);
        });
        return KeySummary.of(store.find(keyId).orElse(key));
    }

    /**
     * The valid (issued, not revoked) key with this value, found by its digest (one key lookup) and confirmed with a
     * constant-time comparison of the digests.
     */
    public Optional<StoredKey> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 100) {
            return Optional.empty();
        }
        String digest = hash(apiKey.strip());
        return store.findByHash(digest)
                .filter(k -> MessageDigest.isEqual(k.keyHash().getBytes(StandardCharsets.US_ASCII),
                        digest.getBytes(StandardCharsets.US_ASCII)))
                .filter(k -> k.revokedAt() == null);
    }

    /** SHA-256 of the key's characters (UTF-8), lower-case hex. */
    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
