package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittingH2BackendTest {

    @TempDir
    Path dir;

    /**
     * One command is half-way (its document written, its index entry not yet); another finishes: its commit waits
     * until the first is complete, so a crash can never find the document without its index entry.
     */
    @Test
    void noCommitStoresACommandHalfWay() throws Exception {
        Path file = dir.resolve("readmodel.mv");
        CommittingH2Backend backend = CommittingH2Backend.open(file);
        MVMap<String, String> documents = backend.store().openMap("documents");
        MVMap<String, String> index = backend.store().openMap("index");
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);

        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> backend.run(() -> {
            documents.put("a", "{_id: a}");
            halfWay.countDown();
            hold(finish);
            index.put("a", "a");
            return null;
        }));
        assertThat(halfWay.await(10, TimeUnit.SECONDS)).isTrue();
        long versionBefore = backend.store().getCurrentVersion();

        CompletableFuture<Void> quick = CompletableFuture.runAsync(() -> backend.run(() -> {
            documents.put("b", "{_id: b}");
            index.put("b", "b");
            return null;
        }));
        // The quick command has run; its commit queues behind the slow one.
        await().atMost(Duration.ofSeconds(10)).until(backend::commitWaiting);
        assertThat(documents).containsKey("b");
        assertThat(quick).isNotDone();
        assertThat(backend.store().getCurrentVersion()).isEqualTo(versionBefore);

        finish.countDown();
        slow.get(10, TimeUnit.SECONDS);
        quick.get(10, TimeUnit.SECONDS);
        backend.store().closeImmediately(); // like a crash: only what was committed is in the file

        try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            MVMap<String, String> storedDocuments = reopened.openMap("documents");
            MVMap<String, String> storedIndex = reopened.openMap("index");
            assertThat(storedDocuments.keySet()).containsExactlyInAnyOrder("a", "b");
            assertThat(storedIndex.keySet()).containsExactlyInAnyOrder("a", "b");
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
