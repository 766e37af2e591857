package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.ops.it.Api;
import org.weimin.ops.it.AppProcess;
import org.weimin.ops.it.TestData;

/**
 * The search projection against an Elasticsearch of its own (purpose {@code it-outage}, so that killing it disturbs no
 * other test), through the packaged application (issue 5 "Tests"):
 * <ul>
 *   <li>Elasticsearch killed ({@code kill -9}) mid-stream: commands still succeed, search answers 503
 *       {@code SEARCH_UNAVAILABLE}; restarted: the projection catches up and no document is missing or stale;</li>
 *   <li>a rebuild while cases keep arriving: it fills a new index, switches the alias, and afterwards every case is in
 *       the index exactly once with its latest state.</li>
 * </ul>
 */
class SearchOutageAndRebuildIT {
    private static final OwnElasticsearch ELASTICSEARCH = new OwnElasticsearch("it-outage");
    private static String url;

    @BeforeAll
    static void startOwnElasticsearch() {
        url = ELASTICSEARCH.startFresh();
    }

    @AfterAll
    static void stopOwnElasticsearch() {
        ELASTICSEARCH.stop();
    }

    private static long total(Api.Session supervisor, String query) throws Exception {
        Api.Reply reply = supervisor.get("/api/supervision/cases/search?" + query + "&size=200");
        assertThat(reply.status()).as("search %s", reply).isEqualTo(200);
        return reply.json().path("total").asLong();
    }

    private static Set<String> indexedIds(Api.Session supervisor) throws Exception {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            Api.Reply reply = supervisor.get("/api/supervision/cases/search?size=200&sort=receivedAt"
                    + (after == null ? "" : "&after=" + after));
            assertThat(reply.status()).as("search %s", reply).isEqualTo(200);
            for (JsonNode item : reply.json().path("items")) {
                assertThat(ids.add(item.path("caseId").asText())).as("each case once").isTrue();
            }
            after = reply.json().path("next").isNull() ? null : reply.json().path("next").asText();
        } while (after != null);
        return ids;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void searchSurvivesAKilledElasticsearchAndARebuildUnderLiveWrites() throws Exception {
        Path data = AppProcess.freshDir("search-outage-data");
        try (AppProcess app = AppProcess.start("search-outage", data, "--spring.elasticsearch.uris=" + url)) {
            Api api = new Api(app::baseUrl);
            Api.Session staff = api.session("jjd-window", "demo-window");
            Api.Session supervisor = api.session("sfq-supervisor", "demo-supervisor");
            Api.Session admin = api.session("admin", "demo-admin");
            List<String> cases = Collections.synchronizedList(new ArrayList<>());

            for (int i = 0; i < 10; i++) {
                Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody(TestData.name(new java.util.Random(i),
                        i)));
                assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
                cases.add(receipt.text("/caseId"));
            }
            await("the first 10 cases are searchable").atMost(Duration.ofSeconds(60))
                    .until(() -> total(supervisor, "unit=JJD") == 10);

            // Elasticsearch dies: commands go on, search says it is unavailable.
            ELASTICSEARCH.kill();
            List<String> completed = new ArrayList<>();
            for (int i = 10; i < 25; i++) {
                Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody(TestData.name(new java.util.Random(i),
                        i)));
                assertThat(receipt.status()).as("receipt while search is down %s", receipt).isEqualTo(201);
                cases.add(receipt.text("/caseId"));
            }
            for (String caseId : cases.subList(0, 5)) {
                Api.Reply done = staff.post("/api/cases/" + caseId + "/completion",
                        java.util.Map.of("result", "GRANTED", "resultText", "已办结"));
                assertThat(done.status()).as("completion while search is down %s", done).isEqualTo(200);
                completed.add(caseId);
            }
            Api.Reply down = supervisor.getUnchecked("/api/supervision/cases/search?unit=JJD");
            assertThat(down.status()).as("search while Elasticsearch is down %s", down).isEqualTo(503);
            assertThat(down.text("/code")).isEqualTo("SEARCH_UNAVAILABLE");
            assertThat(down.json().path("retryable").asBoolean()).isTrue();

            // Back: the projection catches up, nothing missing, nothing stale.
            ELASTICSEARCH.restart();
            await("the projection caught up after Elasticsearch came back").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> supervisor.getUnchecked("/api/supervision/cases/search?unit=JJD").status() == 200
                            && total(supervisor, "unit=JJD") == 25 && total(supervisor, "status=COMPLETED") == 5);
            assertThat(indexedIds(supervisor)).containsExactlyInAnyOrderElementsOf(cases);

            // A rebuild while a writer keeps receiving cases: afterwards every case once, completed ones completed.
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int n = 100;
                while (writing.get()) {
                    try {
                        Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody(
                                TestData.name(new java.util.Random(n), n)));
                        if (receipt.status() == 201) {
                            cases.add(receipt.text("/caseId"));
                        }
                        n++;
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "live-writer");
            writer.start();
            await("some cases arrive before the rebuild").atMost(Duration.ofSeconds(30)).until(() -> cases.size() > 35);
            Api.Reply started = admin.post("/api/admin/projections/case-search/rebuild", java.util.Map.of());
            assertThat(started.status()).as("rebuild %s", started).isEqualTo(202);
            JsonNode finished = await("rebuild finished").atMost(Duration.ofSeconds(120))
                    .until(() -> admin.get("/api/admin/projections/case-search/rebuild").json(),
                            p -> !p.path("state").asText().equals("RUNNING"));
            assertThat(finished.path("state").asText()).as("rebuild %s", finished).isEqualTo("DONE");
            JsonNode detail = admin.get("/api/admin/projections/case-search/index").json();
            assertThat(detail.path("index").asText()).as("index %s", detail)
                    .isEqualTo(detail.path("lastRebuild").path("newIndex").asText())
                    .isNotEqualTo(detail.path("lastRebuild").path("oldIndex").asText());
            assertThat(detail.path("lastRebuild").path("casesIndexed").asLong()).isGreaterThanOrEqualTo(35);
            // Keep writing a little after the switch, then stop.
            int atSwitch = cases.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> cases.size() > atSwitch + 5);
            writing.set(false);
            writer.join(10_000);

            int all = cases.size();
            await("every case in the rebuilt index").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> total(supervisor, "unit=JJD") == all);
            assertThat(indexedIds(supervisor)).containsExactlyInAnyOrderElementsOf(cases);
            assertThat(total(supervisor, "status=COMPLETED")).isEqualTo(completed.size());
        }
    }
}
