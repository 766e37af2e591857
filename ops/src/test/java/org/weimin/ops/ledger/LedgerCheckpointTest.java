package org.weimin.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Signed checkpoints ({@link CheckpointStore}) and whole-store verification ({@link LedgerVerifier#verifyStore}):
 * what they detect (a case's tail or a whole case deleted up to the checkpoint, a forged checkpoint) and the
 * documented blind spot (a tail appended after the last checkpoint and then deleted).
 */
class LedgerCheckpointTest extends TwoCaseStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private final LedgerSigningKey key = LedgerSigningKey.ephemeral();
    @Test
    void aFreshCheckpointMatchesAndItsSignatureVerifies() throws Exception {
        Checkpoint c = CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        assertThat(c.eventCount()).isEqualTo(7);
        assertThat(c.caseCount()).isEqualTo(2);
        assertThat(LedgerSigningKey.verify(key.publicKey(), c.signedText(), c.signature())).isTrue();
        StoreVerification v = store.verifyStore(key);
        assertThat(v.verified()).as("%s", v).isTrue();
        assertThat(v.events()).isEqualTo(7);
        assertThat(v.badSignatures()).isZero();
        assertThat(v.latestCheckpoint().id()).isEqualTo(c.id());
    }

    @Test
    void deletingACasesTailBeforeTheCheckpointIsDetected() throws Exception {
        CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 3");
        assertThat(store.verify("case-a").verified()).as("the chain alone cannot see a cut tail").isTrue();
        StoreVerification v = store.verifyStore(key);
        assertThat(v.verified()).isFalse();
        assertThat(v.brokenCases()).isZero();
        assertThat(v.latestCheckpointMismatch()).contains("counted 7 events").contains("the store has 6");
    }

    @Test
    void replacingATailWithAConsistentlyRehashedOneIsDetected() throws Exception {
        CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        // Someone who can write the table deletes the last event and appends a new one with a correct hash.
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 3");
        store.append(List.of(LedgerStoreFixture.event("case-a", 3, "rewritten")));
        assertThat(store.verify("case-a").verified()).isTrue();
        store.update("UPDATE DomainEventEntry SET globalIndex = 4 WHERE aggregateIdentifier = 'case-a' "
                + "AND sequenceNumber = 3"); // back below the checkpoint's head
        StoreVerification v = store.verifyStore(key);
        assertThat(v.latestCheckpointMismatch()).contains("differ from the signed digest");
    }

    @Test
    void deletingAWholeCaseIsDetected() throws Exception {
        CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-b'");
        assertThat(store.verifyStore(key).latestCheckpointMismatch()).contains("in 2 cases").contains("in 1");
    }

    @Test
    void truncationAfterTheLastCheckpointIsTheDocumentedBlindSpot() throws Exception {
        CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        store.append(List.of(LedgerStoreFixture.event("case-a", 4, "after the checkpoint")));
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 4");
        StoreVerification v = store.verifyStore(key);
        assertThat(v.verified()).as("undetectable until a checkpoint covers it: README, ledger").isTrue();
    }

    @Test
    void aForgedCheckpointOrAnotherKeyFailsTheSignatureCheck() throws Exception {
        CheckpointStore.write(store.connection, key, CheckpointStore.head(store.connection), NOW);
        assertThat(store.verifyStore(LedgerSigningKey.ephemeral()).badSignatures()).isEqualTo(1);
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 3");
        store.update("UPDATE ledger_checkpoint SET event_count = 6");
        StoreVerification v = store.verifyStore(key);
        assertThat(v.badSignatures()).isEqualTo(1);
        assertThat(v.verified()).isFalse();
    }

    @Test
    void rowsWhoseGlobalIndexesWereSwappedAreReported() throws Exception {
        store.update("UPDATE DomainEventEntry SET globalIndex = -1 WHERE aggregateIdentifier = 'case-b' "
                + "AND sequenceNumber = 1");
        store.update("UPDATE DomainEventEntry SET globalIndex = 6 WHERE aggregateIdentifier = 'case-b' "
                + "AND sequenceNumber = 2");
        store.update("UPDATE DomainEventEntry SET globalIndex = 7 WHERE globalIndex = -1");
        List<CaseVerification> broken = new ArrayList<>();
        StoreVerification v = store.verifyStore(key, broken);
        assertThat(v.brokenCases()).isEqualTo(1);
        assertThat(broken.get(0).caseId()).isEqualTo("case-b");
        assertThat(broken.get(0).firstBrokenLink().sequence()).isEqualTo(2);
        assertThat(broken.get(0).firstBrokenLink().reason()).contains("rows reordered");
    }

    @Test
    void theSigningKeyIsCreatedOnceOwnerOnlyWithItsPublicHalfBeside(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets/ledger-signing.key");
        LedgerSigningKey first = LedgerSigningKey.loadOrCreate(file);
        LedgerSigningKey again = LedgerSigningKey.loadOrCreate(file);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Path pub = dir.resolve("secrets/ledger-signing.pub");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(LedgerSigningKey.keyId(LedgerSigningKey.readPublicKey(pub))).isEqualTo(first.keyId());
        byte[] text = "x".getBytes();
        assertThat(LedgerSigningKey.verify(LedgerSigningKey.readPublicKey(pub), text, first.sign(text))).isTrue();
    }

    @Test
    void aCheckpointWaitsForAppendsStillInTheirTransaction() throws Exception {
        LedgerAppendGate gate = new LedgerAppendGate();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> append = CompletableFuture.runAsync(() -> {
            TransactionSynchronizationManager.initSynchronization();
            try {
                gate.enterAppend();
                appended.countDown();
                commit.await(30, TimeUnit.SECONDS);
                TransactionSynchronizationManager.getSynchronizations()
                        .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                TransactionSynchronizationManager.clearSynchronization();
            }
        });
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.settledHead(() -> 42, Duration.ofMillis(200))).as("an append is open").isEqualTo(-1);
        commit.countDown();
        append.get(30, TimeUnit.SECONDS);
        assertThat(gate.settledHead(() -> 42, Duration.ofSeconds(30))).isEqualTo(42);
    }
}
