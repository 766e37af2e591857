package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the Elasticsearch the build started before the integration tests ({@code weimin.test.elasticsearch.url},
 * from the {@code elasticsearch-start} execution in ops/pom.xml): healthy, not run as root, detached from the build's
 * processes, and refusing to create an index by a mere write.
 */
class ElasticsearchLauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static String url;

    @BeforeAll
    static void url() {
        url = System.getProperty("weimin.test.elasticsearch.url");
        assertThat(url).as("system property weimin.test.elasticsearch.url (set by the build)").isNotBlank();
    }

    @Test
    void theClusterIsHealthy() throws Exception {
        JsonNode health = json(send("GET", "/_cluster/health", null), 200);
        assertThat(health.path("status").asText()).isIn("green", "yellow");
        assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
    }

    @Test
    void theServerRunsAsAnUnprivilegedUserInASessionOfItsOwn() throws Exception {
        List<Long> pids = serverPids();
        assertThat(pids).hasSize(1);
        Path proc = Path.of("/proc", Long.toString(pids.get(0)));
        assumeTrue(url.startsWith("http://127.0.0.1:") && Files.isDirectory(proc),
                "an external cluster (or another host's): its process is not ours to inspect");

        int serverUid = (Integer) Files.getAttribute(proc, "unix:uid");
        int ourUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (ourUid == 0) {
            assertThat(serverUid).as("Elasticsearch refuses root; the launcher runs it as uid 65534").isEqualTo(65534);
        } else {
            assertThat(serverUid).isEqualTo(ourUid);
        }
        // Its own session: a Ctrl-C or kill of the build (or of the app) does not reach it.
        assertThat(sessionOf(proc)).isNotEqualTo(sessionOf(Path.of("/proc/self")));
        assertThat(ProcessHandle.of(pids.get(0)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .isNotEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid));
    }

    @Test
    void aWriteToAMissingIndexIsRefusedNotAutoCreated() throws Exception {
        String index = "weimin-it-missing-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> write = send("PUT", "/" + index + "/_doc/1", "{\"subject\":\"申请临时救助\"}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(404);
        assertThat(JSON.readTree(write.body()).path("error").path("type").asText())
                .isEqualTo("index_not_found_exception");
        assertThat(send("HEAD", "/" + index, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anExplicitlyCreatedIndexTakesWrites() throws Exception {
        String index = "weimin-it-explicit-" + UUID.randomUUID().toString().substring(0, 8);
        json(send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}"), 200);
        try {
            assertThat(send("PUT", "/" + index + "/_doc/1?refresh=true", "{\"subject\":\"申请临时救助\"}")
                    .statusCode()).isEqualTo(201);
            JsonNode found = json(send("GET", "/" + index + "/_doc/1", null), 200);
            assertThat(found.path("_source").path("subject").asText()).isEqualTo("申请临时救助");
        } finally {
            send("DELETE", "/" + index, null);
        }
    }

    private static List<Long> serverPids() throws Exception {
        JsonNode nodes = json(send("GET", "/_nodes/process", null), 200).path("nodes");
        List<Long> pids = new ArrayList<>();
        nodes.forEach(node -> pids.add(node.path("process").path("id").asLong()));
        return pids;
    }

    /** Field 6 of /proc/<pid>/stat (after the parenthesised command name): the session id. */
    private static String sessionOf(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields[3];
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method.toUpperCase(Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
