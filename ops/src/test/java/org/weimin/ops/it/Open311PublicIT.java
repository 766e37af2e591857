package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Open311 and the open figures on the packaged application with the build's Elasticsearch (issue 9): requests created
 * with two keys at two windows, the keyed list with its filters ({@code status}, {@code service_code}, dates) and the
 * paging extension, every list valid against the standard's schema; then {@code GET /api/public/figures} publishes the
 * window with 20 received cases and the centre, and withholds (null, "insufficient sample") the window with 2 and every
 * rate whose own sample is below 20.
 */
class Open311PublicIT {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Schema REQUESTS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(SchemaLocation.of("classpath:open311-schema/requests.json"));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Response(int status, String body) {
        JsonNode json() throws Exception {
            return Api.JSON.readTree(body);
        }
    }

    private Response call(String url, Map<String, String> form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (form != null) {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body());
    }

    private JsonNode list(String base, String key, String query) throws Exception {
        Response response = call(base + "/open311/v2/requests.json?api_key=" + key + query, null);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(REQUESTS.validate(list)).as("%s", list).isEmpty();
        return list;
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.forEach(r -> ids.add(r.path("service_request_id").asText()));
        return ids;
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theKeyedListFiltersAndPagesAndTheOpenFiguresPublishOnlySamplesOf20() throws Exception {
        Path data = AppProcess.freshDir("open311-data");
        try (AppProcess app = AppProcess.start("open311", data, "--spring.profiles.active=loadtest")) {
            String base = app.baseUrl();
            Api api = new Api(app::baseUrl);
            Api.Session admin = api.session("admin", "demo-admin");
            String key1 = admin.post("/api/admin/open311/keys", Map.of("label", "一号App", "window", "JJD-ZX-W01"))
                    .text("/apiKey");
            String key2 = admin.post("/api/admin/open311/keys", Map.of("label", "二号App", "window", "JJD-ZX-W02"))
                    .text("/apiKey");

            List<String> created = new ArrayList<>();
            for (int i = 0; i < 22; i++) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("api_key", i < 20 ? key1 : key2);
                form.put("service_code", "MZ-002");
                form.put("attribute[M01]", "true");
                form.put("attribute[M05]", i % 2 == 0 ? "true" : "false");
                form.put("last_name", "张");
                form.put("first_name", "三" + i);
                Response reply = call(base + "/open311/v2/requests.json", form);
                assertThat(reply.status()).as("%s", reply).isEqualTo(201);
                created.add(reply.json().get(0).path("service_request_id").asText());
            }
            JsonNode one = call(base + "/open311/v2/requests/" + created.get(0) + ".json", null).json();
            Instant first = Instant.parse(one.get(0).path("requested_datetime").asText());
            String key = key1;
            await("all 22 requests in the search index").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> list(base, key, "").size() == 22);
            assertThat(ids(list(base, key, ""))).containsExactlyInAnyOrderElementsOf(created);

            // Staff complete one; it is the only closed one.
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Session auditor = api.session("auditor", "demo-auditor");
            String caseId = auditor.get("/api/supervision/cases/search?trackingNumber=" + created.get(0))
                    .json().at("/items/0/caseId").asText();
            assertThat(caseId).isNotBlank();
            assertThat(window.post("/api/cases/" + caseId + "/completion", Map.of("result", "GRANTED",
                    "resultText", "已办结")).status()).isEqualTo(200);
            await("the completion in the search index").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> list(base, key, "&status=closed").size() == 1);
            assertThat(ids(list(base, key, "&status=closed"))).containsExactly(created.get(0));
            assertThat(list(base, key, "&status=open")).hasSize(21);
            assertThat(list(base, key, "&status=open,closed")).hasSize(22);
            assertThat(list(base, key, "&service_code=MZ-001")).isEmpty();
            assertThat(list(base, key, "&service_code=MZ-002")).hasSize(22);
            String tomorrow = first.plus(Duration.ofDays(1)).toString();
            assertThat(list(base, key, "&start_date=" + tomorrow)).isEmpty();
            assertThat(list(base, key, "&end_date=" + tomorrow)).hasSize(22);
            Set<String> page1 = ids(list(base, key, "&page_size=10&page=1"));
            Set<String> page3 = ids(list(base, key, "&page_size=10&page=3"));
            assertThat(page1).hasSize(10);
            assertThat(page3).hasSize(2).doesNotContainAnyElementsOf(page1);
            Response xml = call(base + "/open311/v2/requests.xml?api_key=" + key, null);
            assertThat(xml.status()).isEqualTo(200);
            assertThat(xml.body().split("<request>", -1)).hasSize(23);
            assertThat(call(base + "/open311/v2/requests.json?status=open", null).status()).isEqualTo(403);

            // Open figures: intake is the receiving window's; JJD-ZX-W01 has 20, JJD-ZX-W02 has 2, the centre 22.
            String months = "from=" + YearMonth.from(first.atZone(BEIJING)) + "&to="
                    + YearMonth.from(Instant.now().atZone(BEIJING));
            JsonNode figures = api.get("/api/public/figures?" + months, null).json();
            assertThat(figures.path("minimumSample").asInt()).isEqualTo(20);
            JsonNode w1 = month(figures.path("windows"), "JJD-ZX-W01");
            JsonNode w2 = month(figures.path("windows"), "JJD-ZX-W02");
            JsonNode centre = month(figures.path("centres"), "JJD-ZX");
            assertThat(w1.path("received").asLong()).isEqualTo(20);
            assertThat(w1.at("/completionRate/status").asText()).isEqualTo("published");
            assertThat(w1.at("/completionRate/sample").asLong()).isEqualTo(20);
            assertThat(w1.at("/completionRate/value").asDouble()).isEqualTo(0.05);
            assertThat(w2.path("received").asLong()).isEqualTo(2);
            assertThat(w2.at("/completionRate/status").asText()).isEqualTo("insufficient sample");
            assertThat(w2.at("/completionRate/value").isNull()).isTrue();
            assertThat(centre.path("received").asLong()).isEqualTo(22);
            assertThat(centre.at("/completionRate/value").asDouble()).isEqualTo(1.0 / 22);
            assertThat(centre.path("completed").asLong()).isEqualTo(1);
            assertThat(centre.at("/onTimeRate/status").asText()).isEqualTo("insufficient sample");
            assertThat(centre.at("/onTimeRate/value").isNull()).isTrue();
            assertThat(centre.at("/satisfactionRate/status").asText()).isEqualTo("insufficient sample");
            assertThat(figures.toString()).doesNotContain("张三", "jjd-window");
        }
    }

    /** The month of a row in which its cases were received (the only month with any). */
    private static JsonNode month(JsonNode rows, String code) {
        for (JsonNode row : rows) {
            if (row.path("code").asText().equals(code)) {
                for (JsonNode month : row.path("months")) {
                    if (month.path("received").asLong() > 0) {
                        return month;
                    }
                }
            }
        }
        throw new AssertionError("no month with cases for " + code + " in " + rows);
    }
}
