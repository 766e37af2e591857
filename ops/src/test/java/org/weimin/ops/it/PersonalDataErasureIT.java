package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.ops.privacy.MasterKey;

/**
 * Unmasked views and erasure of personal data end to end (issue 7), against the packaged application with the build's
 * Elasticsearch, in one launch. Applicant A has two cases (one ID number: one data key), applicant B one.
 * <ol>
 *   <li>Unmasked view: refused to another unit's staff (403) and for a reason naming the applicant (400, nothing
 *       recorded); granted to the holding unit's staff and to an auditor, each recorded and shown in the trail.</li>
 *   <li>Erasure of A by ID number: both of A's cases record it, A's key is gone from the key table, the raw events
 *       that were there before are byte-identical; repeating it (by case id) is a no-op that says so.</li>
 *   <li>Afterwards, for both of A's cases and unchanged for B's: staff view, trail, search (by name and by subject),
 *       CSV export, public view, the unmasked-view endpoint (410); and again after rebuilding {@code case-view} and
 *       {@code case-search} from the events.</li>
 * </ol>
 * The event store is opened while the application runs through H2's automatic mixed mode ({@code AUTO_SERVER}).
 */
class PersonalDataErasureIT {
    private static final String NAME_A = "蔺晓澜";
    private static final String ID_A = "11010519491231002X";
    private static final String PHONE_A = "13698761234";
    private static final String ADDRESS_A = "临江市翠微区秘境巷九十九号";
    private static final String SUBJECT_A = "申请临时救助蓝鲸计划";
    private static final String NAME_B = "柏青芷";
    private static final String SUBJECT_B = "申请低保复核白鹭计划";
    private static final String ERASED = "(erased)";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void unmaskedViewsAreRecordedAndAnErasedApplicantCanNoLongerBeReadAnywhere() throws Exception {
        String elasticsearch = System.getProperty("weimin.test.elasticsearch.url", "");
        assertThat(elasticsearch).as("the build's Elasticsearch (weimin.test.elasticsearch.url)").isNotBlank();
        EventStoreFile.preload();
        Path data = AppProcess.freshDir("erasure-data");
        String storeUrl = "jdbc:h2:file:" + data.resolve("events") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        try (AppProcess app = AppProcess.start("erasure", data,
                "--spring.datasource.url=" + storeUrl)) {
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Session otherUnit = api.session("mzj-handler", "demo-handler");
            Api.Session auditor = api.session("auditor", "demo-auditor");
            Api.Session supervisor = api.session("sfq-supervisor", "demo-supervisor");
            Api.Session admin = api.session("admin", "demo-admin");

            Api.Reply a1 = window.post("/api/cases", TestData.receiveBody(NAME_A, ID_A, PHONE_A, ADDRESS_A,
                    SUBJECT_A, "家中突发变故"));
            Api.Reply a2 = window.post("/api/cases", TestData.receiveBody(NAME_A, ID_A, PHONE_A, null,
                    "申请医疗救助", null));
            Api.Reply b1 = window.post("/api/cases", TestData.receiveBody(NAME_B, "31010419880715001" + TestData.checkCharacter("31010419880715001"),
                    "13512345678", null, SUBJECT_B, null));
            for (Api.Reply receipt : List.of(a1, a2, b1)) {
                assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
            }
            String caseA1 = a1.text("/caseId");
            String caseA2 = a2.text("/caseId");
            String caseB1 = b1.text("/caseId");
            List<String> casesA = List.of(caseA1, caseA2);

            // --- unmasked views ---------------------------------------------------------------------------------------
            String views = "/api/cases/" + caseA1 + "/personal-data/views";
            Api.Reply foreign = otherUnit.post(views, Map.of("reason", "核实申请人联系方式"));
            assertThat(foreign.status()).as("another unit %s", foreign).isEqualTo(403);
            assertThat(foreign.text("/code")).isEqualTo("NOT_CASE_HOLDER");
            Api.Reply administrator = admin.post(views, Map.of("reason", "核实申请人联系方式"));
            assertThat(administrator.status()).as("an administrator %s", administrator).isEqualTo(403);
            assertThat(administrator.text("/code")).isEqualTo("FORBIDDEN");
            Api.Reply naming = window.post(views, Map.of("reason", "回访" + NAME_A + "核实住址"));
            assertThat(naming.status()).as("a reason naming the applicant %s", naming).isEqualTo(400);
            assertThat(naming.text("/code")).isEqualTo("PERSONAL_DATA_IN_TEXT");
            assertThat(naming.body()).doesNotContain(PHONE_A).doesNotContain(ID_A);

            Api.Reply seen = window.post(views, Map.of("reason", "电话回访核实联系方式"));
            assertThat(seen.status()).as("holding unit %s", seen).isEqualTo(200);
            assertThat(seen.text("/name")).isEqualTo(NAME_A);
            assertThat(seen.text("/idNumber")).isEqualTo(ID_A);
            assertThat(seen.text("/idType")).isEqualTo("RESIDENT_ID");
            assertThat(seen.text("/phone")).isEqualTo(PHONE_A);
            assertThat(seen.text("/address")).isEqualTo(ADDRESS_A);
            Api.Reply audited = auditor.post("/api/cases/" + caseB1 + "/personal-data/views",
                    Map.of("reason", "年度抽查办件合规"));
            assertThat(audited.status()).as("auditor %s", audited).isEqualTo(200);
            assertThat(audited.text("/name")).isEqualTo(NAME_B);

            JsonNode trail = await("the view in the trail").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> supervisor.getUnchecked("/api/supervision/cases/" + caseA1 + "/trail").json(),
                            t -> t.path("personalDataViews").size() == 1);
            JsonNode recorded = trail.path("personalDataViews").get(0);
            assertThat(recorded.path("actorId").asText()).isEqualTo("jjd-window");
            assertThat(recorded.path("access").asText()).isEqualTo("HOLDING_UNIT");
            assertThat(recorded.path("reason").asText()).isEqualTo("电话回访核实联系方式");
            assertThat(recorded.path("sequence").asLong()).isEqualTo(seen.json().path("sequence").asLong());
            assertThat(trail.toString()).doesNotContain(NAME_A).doesNotContain(PHONE_A);

            // Staff's own text may name the applicant: masked in the index with the name, while it is known.
            Api.Reply completed = window.post("/api/cases/" + caseA1 + "/completion",
                    Map.of("result", "GRANTED", "resultText", "已电话告知" + NAME_A + "办理结果"));
            assertThat(completed.status()).as("completion %s", completed).isEqualTo(200);

            // --- before the erasure: searchable by name, masked in the export -----------------------------------------
            await("all three cases searchable").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> total(supervisor, "name", NAME_A) == 2 && total(supervisor, "name", NAME_B) == 1);
            assertThat(total(supervisor, "q", "蓝鲸计划")).isEqualTo(1);
            assertThat(exportCsv(app, supervisor)).contains("蔺**").contains("柏**").doesNotContain(NAME_A);

            Map<Long, String> before;
            String keyA;
            try (EventStoreFile store = EventStoreFile.open(storeUrl, null)) {
                before = rawEvents(store);
                keyA = store.jdbc().queryForObject("SELECT applicant_key_id FROM case_directory WHERE case_id = ?",
                        String.class, caseA1);
            }

            // --- erasure ----------------------------------------------------------------------------------------------
            String erasure = "/api/admin/applicants/erasure";
            Api.Reply notAdmin = auditor.post(erasure, Map.of("caseId", caseA1, "basis", "《个人信息保护法》第四十七条"));
            assertThat(notAdmin.status()).as("auditor %s", notAdmin).isEqualTo(403);
            Api.Reply withPhone = admin.post(erasure, Map.of("caseId", caseA1, "basis", "申请人来电 " + PHONE_A));
            assertThat(withPhone.status()).as("basis with a phone number %s", withPhone).isEqualTo(400);
            assertThat(withPhone.text("/code")).isEqualTo("PERSONAL_DATA_IN_TEXT");

            Map<String, Object> byIdNumber = new LinkedHashMap<>();
            byIdNumber.put("idType", "RESIDENT_ID");
            byIdNumber.put("idNumber", ID_A);
            byIdNumber.put("basis", "《个人信息保护法》第四十七条：本人书面请求删除");
            Api.Reply erased = admin.post(erasure, byIdNumber);
            assertThat(erased.status()).as("erasure %s", erased).isEqualTo(200);
            assertThat(erased.text("/outcome")).isEqualTo("ERASED");
            assertThat(erased.json().path("applicantKeyIds").get(0).asText()).isEqualTo(keyA);
            assertThat(erased.json().path("applicantKeyIds").size()).isEqualTo(1);
            assertThat(erased.json().path("cases").findValuesAsText("caseId"))
                    .containsExactlyInAnyOrderElementsOf(casesA);
            assertThat(erased.json().path("cases").findValues("recordedNow")).allMatch(JsonNode::asBoolean);
            assertThat(erased.body()).doesNotContain(ID_A);

            Api.Reply again = admin.post(erasure, Map.of("caseId", caseA2, "basis", "重复请求"));
            assertThat(again.status()).as("repeat %s", again).isEqualTo(200);
            assertThat(again.text("/outcome")).isEqualTo("ALREADY_ERASED");
            assertThat(again.json().path("cases").findValues("recordedNow")).noneMatch(JsonNode::asBoolean);

            try (EventStoreFile store = EventStoreFile.open(storeUrl,
                    MasterKey.fromFileOrGenerate(data.resolve("secrets")))) {
                Map<Long, String> after = rawEvents(store);
                assertThat(after).as("every earlier event unchanged, byte for byte").containsAllEntriesOf(before);
                assertThat(after.size() - before.size()).as("one erasure event per case of A").isEqualTo(2);
                assertThat(store.jdbc().queryForList("SELECT aggregateIdentifier FROM DomainEventEntry WHERE "
                        + "payloadType = 'org.weimin.events.cases.ApplicantDataErased'", String.class))
                        .containsExactlyInAnyOrderElementsOf(casesA);
                Map<String, Object> key = store.jdbc().queryForMap(
                        "SELECT wrapped_key, erased_at FROM applicant_data_key WHERE key_id = ?", keyA);
                assertThat(key.get("WRAPPED_KEY")).as("A's wrapped key").isNull();
                assertThat(key.get("ERASED_AT")).isNotNull();
                assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM applicant_data_key WHERE "
                        + "wrapped_key IS NOT NULL", Integer.class)).as("B's key is still there").isEqualTo(1);
                JsonNode receipt = EventStoreFile.json(store.jdbc().queryForObject("SELECT payload FROM "
                        + "DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0", byte[].class, caseA1));
                assertThat(store.open(receipt.path("applicant").path("name"))).as("A's sealed name").isEmpty();
            }

            // --- afterwards, and after rebuilding the read models ------------------------------------------------------
            assertErasedEverywhere(app, api, window, supervisor, a1, a2, casesA, caseB1);
            for (String group : List.of("case-view", "case-search")) {
                Api.Reply started = admin.post("/api/admin/projections/" + group + "/rebuild", Map.of());
                assertThat(started.status()).as("rebuild %s: %s", group, started).isEqualTo(202);
                await("rebuild of " + group).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> admin.getUnchecked("/api/admin/projections/" + group + "/rebuild").json()
                                .path("state").asText(), "DONE"::equals);
            }
            assertErasedEverywhere(app, api, window, supervisor, a1, a2, casesA, caseB1);
            JsonNode processors = admin.get("/api/admin/projections").json();
            for (JsonNode processor : processors) {
                if (processor.path("deadLetters").isNumber()) {
                    assertThat(processor.path("deadLetters").asLong()).as("dead letters of %s", processor.path("name"))
                            .isZero();
                }
                assertThat(processor.path("error").asBoolean()).as("error of %s", processor.path("name")).isFalse();
            }
            // A applies again: a new generation of key; the erased cases stay erased.
            Api.Reply a3 = window.post("/api/cases", TestData.receiveBody(NAME_A, ID_A, PHONE_A, null, "再次申请", null));
            assertThat(a3.status()).as("receipt after the erasure %s", a3).isEqualTo(201);
            Api.Reply seenAgain = window.post("/api/cases/" + a3.text("/caseId") + "/personal-data/views",
                    Map.of("reason", "电话回访核实联系方式"));
            assertThat(seenAgain.status()).as("view of the new case %s", seenAgain).isEqualTo(200);
            assertThat(seenAgain.text("/name")).isEqualTo(NAME_A);
            assertThat(window.post(views, Map.of("reason", "电话回访核实联系方式")).status()).isEqualTo(410);
            assertThat(app.logTail(100_000)).as("the application log")
                    .doesNotContain(NAME_A).doesNotContain(PHONE_A).doesNotContain(ID_A).doesNotContain(ADDRESS_A);
        }
    }

    /** Staff view, trail, unmasked view, search, export and public view show A erased and B as before. */
    private static void assertErasedEverywhere(AppProcess app, Api api, Api.Session window, Api.Session supervisor,
                                               Api.Reply a1, Api.Reply a2, List<String> casesA, String caseB1)
            throws Exception {
        for (String caseId : casesA) {
            await("staff view of " + caseId + " erased").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        Api.Reply view = window.getUnchecked("/api/cases/" + caseId);
                        assertThat(view.status()).as("staff view %s", view).isEqualTo(200);
                        assertThat(view.text("/applicant/name")).isEqualTo(ERASED);
                        assertThat(view.text("/applicant/phone")).isEqualTo(ERASED);
                        assertThat(view.text("/applicant/idNumber")).isEqualTo(ERASED);
                        assertThat(view.text("/subject")).isEqualTo(ERASED);
                        assertThat(view.json().path("erasure").path("actorId").asText()).isEqualTo("admin");
                    });
            Api.Reply unmasked = window.post("/api/cases/" + caseId + "/personal-data/views",
                    Map.of("reason", "电话回访核实联系方式"));
            assertThat(unmasked.status()).as("unmasked view after the erasure %s", unmasked).isEqualTo(410);
            assertThat(unmasked.text("/code")).isEqualTo("APPLICANT_DATA_ERASED");
        }
        await("trail of A1 shows the erasure").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode trail = supervisor.getUnchecked("/api/supervision/cases/" + casesA.get(0) + "/trail")
                            .json();
                    assertThat(trail.path("erasure").path("basis").asText()).startsWith("《个人信息保护法》第四十七条");
                    assertThat(trail.path("personalDataViews").size()).as("views stay on record").isEqualTo(1);
                });
        Api.Reply b = window.get("/api/cases/" + caseB1);
        assertThat(b.text("/applicant/name")).isEqualTo("柏**");
        assertThat(b.text("/subject")).isEqualTo(SUBJECT_B);
        assertThat(b.json().path("erasure").isNull()).isTrue();

        await("the index forgot A").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> total(supervisor, "name", NAME_A) == 0 && total(supervisor, "q", "蓝鲸计划") == 0
                        && total(supervisor, "name", NAME_B) == 1);
        String csv = exportCsv(app, supervisor);
        for (Api.Reply receipt : List.of(a1, a2)) {
            String row = Arrays.stream(csv.split("\r?\n")).filter(l -> l.startsWith(receipt.text("/trackingNumber")))
                    .findFirst().orElseThrow(() -> new AssertionError("no export row for " + receipt));
            assertThat(row).contains(ERASED).doesNotContain("蔺**").doesNotContain("蓝鲸");
        }
        assertThat(csv).contains("柏**").contains(SUBJECT_B).doesNotContain(NAME_A);
        assertThat(rawIndex(app)).as("the search index's documents").contains(SUBJECT_B)
                .doesNotContain(NAME_A).doesNotContain("蔺**").doesNotContain("蓝鲸");
        Api.Reply publicView = api.get("/api/public/cases/" + a1.text("/trackingNumber"), null);
        assertThat(publicView.status()).as("public view %s", publicView).isEqualTo(200);
        HttpResponse<String> details = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        app.baseUrl() + "/api/public/cases/" + a1.text("/trackingNumber") + "/details"))
                .header("X-Verification-Code", a1.text("/verificationCode")).timeout(Duration.ofSeconds(5)).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(details.statusCode()).as("public details %s", details.body()).isEqualTo(200);
        assertThat(details.body()).as("the applicant's details: name and staff's result text erased")
                .contains(ERASED).doesNotContain("蔺");
    }

    private static long total(Api.Session supervisor, String parameter, String value) {
        return supervisor.getUnchecked("/api/supervision/cases/search?unit=JJD&" + parameter + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)).json().path("total").asLong(-1);
    }

    private static String exportCsv(AppProcess app, Api.Session supervisor) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.baseUrl() + "/api/supervision/cases/export.csv?unit=JJD"))
                .header("Authorization", "Bearer " + supervisor.token()).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("export %s", response.body()).isEqualTo(200);
        return response.body();
    }

    /** Every document of this instance's search index, as Elasticsearch returns them. */
    private static String rawIndex(AppProcess app) throws Exception {
        String es = System.getProperty("weimin.test.elasticsearch.url");
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(es + "/"
                + app.indexPrefix() + "-cases/_search?size=100")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        return raw.body();
    }

    /** Global index → base64 of payload and metadata, for every stored event. */
    private static Map<Long, String> rawEvents(EventStoreFile store) {
        Map<Long, String> events = new LinkedHashMap<>();
        store.jdbc().query("SELECT globalIndex, payload, metaData FROM DomainEventEntry ORDER BY globalIndex", rs -> {
            byte[] meta = rs.getBytes(3);
            events.put(rs.getLong(1), java.util.Base64.getEncoder().encodeToString(rs.getBytes(2)) + "/"
                    + (meta == null ? "" : java.util.Base64.getEncoder().encodeToString(meta)));
        });
        return events;
    }
}
