package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No personal data and none of the applicant's own text reaches the event store in plaintext (rules.md "Personal
 * data": sealed under the applicant's data key). Cases are received with distinctive name, phone, ID number, address,
 * subject and description (one with an ID number, one without, so both key kinds are covered); one is completed and
 * evaluated with a distinctive comment. With the application stopped, every column of every row of
 * {@code DomainEventEntry} and {@code SnapshotEventEntry} (raw bytes; decoded as UTF-8; JSON string values after
 * unescaping) and then the whole {@code events.mv.db} file are searched for each value in UTF-8, UTF-16 (both byte
 * orders) and JSON {@code \\u} escapes. Positive controls (the tracking number, which is stored in plaintext, and the
 * staff's result text) prove the search finds what is there. The read-model file is not scanned: it holds masked
 * values and the applicant's text for staff by design. The search index is checked too: documents and indexed text.
 */
class NoPlaintextPersonalDataIT {

    /**
     * The search index (rules.md "Personal data"): neither the stored documents nor the indexed text hold a name,
     * phone, ID number or address in clear; the name is found only exactly, through its keyed hash.
     */
    private static void searchIndexHoldsNoPlaintext(AppProcess app, Api api, List<String> secrets,
                                                    String trackingNumber1) throws Exception {
        Api.Session supervisor = api.session("sfq-supervisor", "demo-supervisor");
        await("both cases searchable").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> supervisor.getUnchecked("/api/supervision/cases/search?unit=JJD").json()
                        .path("total").asLong() == 2);
        String es = System.getProperty("weimin.test.elasticsearch.url");
        java.net.http.HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(es + "/" + app.indexPrefix()
                        + "-cases/_search?size=100")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).contains(trackingNumber1).contains("罕见病症");
        for (String secret : secrets) {
            assertThat(raw.body()).as("the search index's documents").doesNotContain(secret);
        }
        String byText = "/api/supervision/cases/search?q=" + java.net.URLEncoder.encode("罕见病症",
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(supervisor.get(byText).json().path("total").asLong()).as("positive control").isEqualTo(1);
        for (String secret : List.of(secrets.get(0), secrets.get(1))) {
            String q = "/api/supervision/cases/search?q=" + java.net.URLEncoder.encode(secret,
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(supervisor.get(q).json().path("total").asLong()).as("indexed text for %s", secret).isZero();
        }
        String byName = "/api/supervision/cases/search?name=" + java.net.URLEncoder.encode(secrets.get(0),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(supervisor.get(byName).json().path("items").get(0).path("trackingNumber").asText())
                .isEqualTo(trackingNumber1);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void noPlaintextPersonalDataInTheEventStore() throws Exception {
        Path data = AppProcess.freshDir("plaintext-data");
        EventStoreFile.preload();
        Random random = new Random(42);
        String idNumber = TestData.residentId(random);
        // Distinctive values: none of them can appear in the store by accident.
        String name1 = "龚秘珍";
        String phone1 = "13598765432";
        String address1 = "滨海省临江市翠微区秘境巷九十九号";
        String subject1 = "申请特困人员救助供养甄选";
        // The applicant's own name and phone inside the free text: the search index must get them masked.
        String description1 = "家中老人突患罕见病症需长期照护蔻蔻，联系人龚秘珍电话13598765432";
        String comment1 = "窗口服务细致耐心点赞甄妮";
        String name2 = "𡈼隐名";
        String phone2 = "13702468135";
        String address2 = "云岭州苍山县无名村十八组";
        String subject2 = "申请低保复核琉璃";
        String description2 = "收入来源变化说明翡翠";
        String resultText = "经审核符合条件予以救助XYZ-RESULT-7781";

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("name 1", name1);
        secrets.put("phone 1", phone1);
        secrets.put("ID number", idNumber);
        secrets.put("address 1", address1);
        secrets.put("subject 1", subject1);
        secrets.put("description 1", description1);
        secrets.put("evaluation comment", comment1);
        secrets.put("name 2", name2);
        secrets.put("phone 2", phone2);
        secrets.put("address 2", address2);
        secrets.put("subject 2", subject2);
        secrets.put("description 2", description2);

        String trackingNumber1;
        try (AppProcess app = AppProcess.start("plaintext", data)) {
            Api api = new Api(app::baseUrl);
            Api.Session staff = api.session("jjd-window", "demo-window");
            Api.Reply receipt1 = staff.post("/api/cases",
                    TestData.receiveBody(name1, idNumber, phone1, address1, subject1, description1));
            assertThat(receipt1.status()).as("receipt %s", receipt1).isEqualTo(201);
            Api.Reply receipt2 = staff.post("/api/cases",
                    TestData.receiveBody(name2, null, phone2, address2, subject2, description2));
            assertThat(receipt2.status()).as("receipt %s", receipt2).isEqualTo(201);
            String caseId1 = receipt1.text("/caseId");
            trackingNumber1 = receipt1.text("/trackingNumber");

            Api.Reply completion = staff.post("/api/cases/" + caseId1 + "/completion",
                    Map.of("result", "GRANTED", "resultText", resultText));
            assertThat(completion.status()).as("completion %s", completion).isEqualTo(200);
            Api.Reply evaluation = api.post("/api/public/cases/" + trackingNumber1 + "/evaluation",
                    Map.of("verificationCode", receipt1.text("/verificationCode"), "grade", "SATISFIED",
                            "comment", comment1), null);
            assertThat(evaluation.status()).as("evaluation %s", evaluation).isEqualTo(200);

            // The read model opened everything (so the sealed values are real and complete), masked where it must.
            await("case 1 evaluated in the staff view").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        Api.Reply view = staff.getUnchecked("/api/cases/" + caseId1);
                        assertThat(view.status()).isEqualTo(200);
                        assertThat(view.text("/evaluation/comment")).isEqualTo(comment1);
                        assertThat(view.text("/description")).isEqualTo(description1);
                        assertThat(view.text("/applicant/name")).isEqualTo("龚**");
                    });
            await("case 2 in the staff view").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        Api.Reply view = staff.getUnchecked("/api/cases/" + receipt2.text("/caseId"));
                        assertThat(view.status()).isEqualTo(200);
                        assertThat(view.text("/subject")).isEqualTo(subject2);
                        assertThat(view.text("/applicant/name")).isEqualTo("𡈼**");
                    });
            searchIndexHoldsNoPlaintext(app, api, List.of(name1, phone1, idNumber, address1, name2, phone2,
                    address2), trackingNumber1);
            assertThat(app.stop()).isTrue();
        }

        List<String> found = new ArrayList<>();
        boolean[] controlsFound = new boolean[2];
        int[] rows = new int[1];
        try (EventStoreFile store = EventStoreFile.open(data)) {
            for (String table : List.of("DomainEventEntry", "SnapshotEventEntry")) {
                store.jdbc().query("SELECT * FROM " + table, rs -> {
                    rows[0]++;
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        byte[] raw = rs.getBytes(c);
                        if (raw == null) {
                            continue;
                        }
                        String where = table + " row " + rs.getString("eventIdentifier") + " column "
                                + meta.getColumnName(c);
                        for (Map.Entry<String, String> secret : secrets.entrySet()) {
                            if (containsAnyEncoding(raw, secret.getValue())
                                    || decodedContains(raw, secret.getValue())) {
                                found.add(secret.getKey() + " in " + where);
                            }
                        }
                        controlsFound[0] |= containsAnyEncoding(raw, trackingNumber1);
                        controlsFound[1] |= decodedContains(raw, resultText);
                    }
                });
            }
        }
        assertThat(rows[0]).as("events read").isGreaterThanOrEqualTo(4);
        assertThat(controlsFound).as("positive controls: tracking number and result text found in the rows")
                .containsExactly(true, true);

        byte[] file = Files.readAllBytes(data.resolve("events.mv.db"));
        assertThat(containsAnyEncoding(file, trackingNumber1)).as("positive control: tracking number in the file")
                .isTrue();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            if (containsAnyEncoding(file, secret.getValue())) {
                found.add(secret.getKey() + " in events.mv.db");
            }
        }
        assertThat(found).as("plaintext personal data or applicant text in the event store").isEmpty();
    }

    /** The value's bytes in UTF-8, UTF-16BE, UTF-16LE, or as JSON {@code \\uXXXX} escapes (either case). */
    static boolean containsAnyEncoding(byte[] haystack, String value) {
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            if (indexOf(haystack, value.getBytes(charset)) >= 0) {
                return true;
            }
        }
        String escaped = jsonEscaped(value);
        return !escaped.equals(value) && (indexOf(haystack, escaped.getBytes(StandardCharsets.US_ASCII)) >= 0
                || indexOf(haystack, escaped.toUpperCase().replace("\\U", "\\u")
                .getBytes(StandardCharsets.US_ASCII)) >= 0);
    }

    /** The bytes decoded as UTF-8 text contain the value, directly or in any JSON string value (unescaped). */
    static boolean decodedContains(byte[] bytes, String value) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains(value)) {
            return true;
        }
        try {
            JsonNode json = Api.JSON.readTree(text);
            return json != null && anyTextContains(json, value);
        } catch (Exception notJson) {
            return false;
        }
    }

    private static boolean anyTextContains(JsonNode node, String value) {
        if (node.isTextual()) {
            return node.asText().contains(value);
        }
        for (JsonNode child : node) {
            if (anyTextContains(child, value)) {
                return true;
            }
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            if (names.next().contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch < 0x80) {
                out.append(ch);
            } else {
                out.append(String.format("\\u%04x", (int) ch));
            }
        }
        return out.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
