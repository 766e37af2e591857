package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Optimistic concurrency decided by PostgreSQL itself: two application processes (nodes) on one PostgreSQL database
 * (each with its own embedded read-model store and the same secrets), so no lock inside one JVM can order the writers;
 * only the event table's unique (aggregateIdentifier, sequenceNumber) constraint can.
 *
 * <ul>
 *   <li>For each of {@value #CASES} cases, {@value #WRITERS} writers, half on each node, released together, send a
 *   progress notice with {@code If-Match: "0"}: exactly one gets 200, every other a 409 {@code CONCURRENT_MODIFICATION}
 *   problem marked retryable.</li>
 *   <li>Then the same writers without {@code If-Match}, retrying a retryable 409 (as the problem tells clients to):
 *   every one of them is acknowledged, each with a sequence number of its own.</li>
 *   <li>The database afterwards: no aggregate has a sequence number twice, every case's sequence numbers run 0..n-1,
 *   and each case has exactly its acknowledged events.</li>
 * </ul>
 */
class PostgresConcurrentWritersIT {
    private static final int CASES = 3;
    private static final int WRITERS = 16;
    private static final int MAX_RETRIES = 50;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoNodesOnOneDatabaseLeaveExactlyOneWinnerAndLoseNoUpdate() throws Exception {
        EventStoreFile.preload();
        Path dataA = AppProcess.freshDir("concurrent-a-data");
        Path dataB = AppProcess.freshDir("concurrent-b-data");
        StoreUnderTest store = StoreUnderTest.postgres("concurrent", dataA);
        List<String> args = new ArrayList<>(store.appArgs());
        args.add("--weimin.search.enabled=false");
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<String> cases = new ArrayList<>();
        try (AppProcess a = AppProcess.start("concurrent-a", dataA, args.toArray(String[]::new))) {
            // The second node shares the first one's master key and ledger signing key (as nodes of one deployment do).
            copyDirectory(dataA.resolve("secrets"), dataB.resolve("secrets"));
            try (AppProcess b = AppProcess.start("concurrent-b", dataB, args.toArray(String[]::new))) {
                List<Api.Session> nodes = List.of(new Api(a::baseUrl).session("jjd-window", "demo-window"),
                        new Api(b::baseUrl).session("jjd-window", "demo-window"));
                for (int c = 0; c < CASES; c++) {
                    Api.Reply receipt = nodes.get(c % 2).post("/api/cases", TestData.receiveBody("并发" + c + "号"));
                    assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
                    cases.add(receipt.text("/caseId"));
                }
                for (String id : cases) {
                    List<Api.Reply> replies = together(pool, n -> nodes.get(n % 2).post("/api/cases/" + id
                            + "/progress-notices", Map.of("channel", "PHONE", "text", "进度 " + n),
                            Map.of("If-Match", "\"0\"")));
                    long won = replies.stream().filter(r -> r.status() == 200).count();
                    assertThat(won).as("winners on case %s: %s", id, replies).isEqualTo(1);
                    for (Api.Reply r : replies) {
                        if (r.status() != 200) {
                            assertThat(r.status()).as("%s", r).isEqualTo(409);
                            assertThat(r.text("/code")).isEqualTo("CONCURRENT_MODIFICATION");
                            assertThat(r.json().path("retryable").asBoolean()).as("%s", r).isTrue();
                        }
                    }
                }
                for (String id : cases) {
                    List<Api.Reply> replies = together(pool, n -> {
                        Api.Reply r = null;
                        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
                            r = nodes.get(n % 2).post("/api/cases/" + id + "/progress-notices",
                                    Map.of("channel", "SMS", "text", "第" + n + "次"));
                            if (r.status() != 409 || !r.json().path("retryable").asBoolean()) {
                                break;
                            }
                        }
                        return r;
                    });
                    assertThat(replies).as("every writer acknowledged on case %s", id)
                            .allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(200));
                    assertThat(replies.stream().map(r -> r.json().path("sequence").asLong()).toList())
                            .doesNotHaveDuplicates().hasSize(WRITERS);
                }
                assertThat(b.stop()).isTrue();
            }
            assertThat(a.stop()).isTrue();
            try (EventStoreFile file = store.open()) {
                assertThat(file.jdbc().queryForList("SELECT aggregateIdentifier, sequenceNumber FROM DomainEventEntry "
                        + "GROUP BY aggregateIdentifier, sequenceNumber HAVING COUNT(*) > 1"))
                        .as("aggregates with a sequence number twice").isEmpty();
                for (String id : cases) {
                    List<Long> sequences = file.jdbc().queryForList("SELECT sequenceNumber FROM DomainEventEntry "
                            + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", Long.class, id);
                    // The receipt, the one If-Match winner, and every writer's notice.
                    assertThat(sequences).as("case %s", id).hasSize(1 + 1 + WRITERS);
                    for (int i = 0; i < sequences.size(); i++) {
                        assertThat(sequences.get(i)).as("case %s, event %d", id, i).isEqualTo(i);
                    }
                }
                assertThat(file.indexProblems()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A request of writer {@code n}. */
    private interface Write {
        Api.Reply send(int n) throws Exception;
    }

    /** Runs {@value #WRITERS} writers released at once; their replies in writer order. */
    private static List<Api.Reply> together(ExecutorService pool, Write write) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int n = i;
            Callable<Api.Reply> call = () -> {
                go.await();
                return write.send(n);
            };
            futures.add(pool.submit(call));
        }
        go.countDown();
        List<Api.Reply> replies = new ArrayList<>();
        for (Future<Api.Reply> f : futures) {
            replies.add(f.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }

    private static void copyDirectory(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
