package org.weimin.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Ledger signing key rotation ({@link LedgerKeyRing}; issue 7 key management, README "Key management"). */
class LedgerKeyRotationTest extends TwoCaseStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    @TempDir
    Path dataDir;

    private LedgerKeyRing ring(Path file) {
        return new LedgerKeyRing(new SingleConnectionDataSource(store.connection, true), file,
                LedgerSigningKey.loadOrCreate(file), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private StoreVerification verify(LedgerKeyRing ring) throws Exception {
        return LedgerVerifier.verifyStore(store.connection, ring.publicKeys()::get, broken -> { });
    }

    private Checkpoint checkpoint(LedgerKeyRing ring) throws Exception {
        return CheckpointStore.write(store.connection, ring.current(), CheckpointStore.head(store.connection), NOW);
    }

    @Test
    void checkpointsSignedBeforeAndAfterARotationBothVerify() throws Exception {
        Path file = dataDir.resolve("secrets").resolve("ledger-signing.key");
        LedgerKeyRing ring = ring(file);
        Checkpoint before = checkpoint(ring);

        LedgerKeyRing.KeyInfo fresh = ring.rotate();
        store.appendCase("case-c", 2);
        Checkpoint after = checkpoint(ring);

        assertThat(after.keyId()).isEqualTo(fresh.keyId()).isNotEqualTo(before.keyId());
        StoreVerification v = verify(ring);
        assertThat(v.verified()).as("%s", v).isTrue();
        assertThat(v.badSignatures()).isZero();
        assertThat(ring.keys()).extracting(LedgerKeyRing.KeyInfo::keyId, LedgerKeyRing.KeyInfo::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(before.keyId(), false),
                        org.assertj.core.groups.Tuple.tuple(after.keyId(), true));
        assertThat(LedgerSigningKey.loadOrCreate(file).keyId()).as("the new private key replaced the file")
                .isEqualTo(fresh.keyId());
        assertThat(LedgerSigningKey.keyId(LedgerSigningKey.readPublicKey(
                dataDir.resolve("secrets").resolve("ledger-signing-" + before.keyId() + ".pub"))))
                .isEqualTo(before.keyId());
        assertThat(verify(ring(file)).badSignatures()).as("after a restart").isZero();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String url = store.connection.getMetaData().getURL();
        int exit = VerifyCli.run(new String[] {"--data-dir=" + dataDir, "--url=" + url},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("the command-line verifier finds the earlier key's .pub beside the current one")
                .doesNotContain("CHECKPOINTS").startsWith("OK");
        assertThat(exit).isZero();
    }

    @Test
    void aCheckpointWhoseRecordedKeyIdIsSwappedFails() throws Exception {
        LedgerKeyRing ring = ring(dataDir.resolve("secrets").resolve("ledger-signing.key"));
        Checkpoint before = checkpoint(ring);
        String newKey = ring.rotate().keyId();
        checkpoint(ring);

        store.update("UPDATE ledger_checkpoint SET key_id = ? WHERE id = ?", newKey, before.id());

        StoreVerification v = verify(ring);
        assertThat(v.badSignatures()).isEqualTo(1);
        assertThat(v.verified()).isFalse();
    }

    @Test
    void aStoreFromBeforeRotationsKeepsVerifyingWithItsOneKey() throws Exception {
        Path file = dataDir.resolve("secrets").resolve("ledger-signing.key");
        LedgerSigningKey old = LedgerSigningKey.loadOrCreate(file);
        CheckpointStore.write(store.connection, old, CheckpointStore.head(store.connection), NOW);
        assertThat(store.update("DELETE FROM ledger_signing_key")).isZero();

        LedgerKeyRing ring = ring(file);

        assertThat(verify(ring).badSignatures()).isZero();
        assertThat(ring.keys()).singleElement().satisfies(k -> {
            assertThat(k.keyId()).isEqualTo(old.keyId());
            assertThat(k.current()).isTrue();
        });
        assertThat(Files.readString(LedgerSigningKey.publicFileFor(file))).doesNotContain("PRIVATE");
    }
}
