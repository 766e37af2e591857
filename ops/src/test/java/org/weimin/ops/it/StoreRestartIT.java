package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code store} process killed ({@code kill -9}) and restarted under load, with a service node on it (issue 8):
 * 8 clients receive cases all along. While the store is down every command is answered 503
 * {@code SERVICE_UNAVAILABLE}, marked retryable (the node does not hang or answer anything else); after the restart at
 * the same address the node takes commands again by itself (no restart of the node); at the end every acknowledged
 * receipt is in the event store exactly once and in the read model.
 */
class StoreRestartIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void commandsFailFastWhileTheStoreIsDownAndNothingAcknowledgedIsLost() throws Exception {
        EventStoreFile.preload();
        StoreProcess store = StoreProcess.start(AppProcess.freshDir("restart-store"));
        try (AppProcess node = AppProcess.start("store-restart", AppProcess.freshDir("restart-node"),
                "--weimin.store.address=" + store.address(), "--spring.profiles.active=loadtest")) {
            Api api = new Api(node::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            window.token();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger acknowledgedAfterRestart = new AtomicInteger();
            AtomicBoolean restarted = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                load.add(clients.submit(() -> {
                    while (running.get()) {
                        Api.Reply reply;
                        try {
                            reply = window.post("/api/cases", TestData.receiveBody("东方重启"));
                        } catch (java.io.IOException e) {
                            unexpected.add("no reply: " + e);
                            continue;
                        }
                        if (reply.status() == 201) {
                            acknowledged.add(reply.text("/caseId"));
                            if (restarted.get()) {
                                acknowledgedAfterRestart.incrementAndGet();
                            }
                        } else if (reply.isRetryableProblem(503, "SERVICE_UNAVAILABLE")) {
                            unavailable.incrementAndGet();
                        } else {
                            unexpected.add(reply.toString());
                        }
                    }
                    return null;
                }));
            }
            try {
                await("receipts under load").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
                store.kill9();
                await("commands answered 503 while the store is down").atMost(Duration.ofSeconds(60))
                        .until(() -> unavailable.get() >= 16);
                store.start();
                restarted.set(true);
                await("the node takes commands again by itself").atMost(Duration.ofSeconds(90))
                        .until(() -> acknowledgedAfterRestart.get() >= 20);
            } finally {
                running.set(false);
                for (Future<?> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clients.shutdownNow();
            }
            assertThat(unexpected).as("replies other than 201 or a retryable 503").isEmpty();

            try (EventStoreFile events = EventStoreFile.open(store.jdbcUrl(), null)) {
                for (String id : acknowledged) {
                    assertThat(events.jdbc().queryForObject("SELECT COUNT(*) FROM DomainEventEntry "
                                    + "WHERE aggregateIdentifier = ? AND payloadType = ?", Long.class, id,
                            EventStoreFile.CASE_RECEIVED)).as("receipt %s in the store", id).isEqualTo(1);
                }
            }
            await("every acknowledged case in the read model").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (String id : acknowledged) {
                            assertThat(window.getUnchecked("/api/cases/" + id).status()).as("case %s", id)
                                    .isEqualTo(200);
                        }
                    });
            Map<String, Integer> figures = Map.of("acknowledged", acknowledged.size(), "unavailable",
                    unavailable.get());
            System.out.println("StoreRestartIT: " + figures);
        } finally {
            store.stop();
        }
    }
}
