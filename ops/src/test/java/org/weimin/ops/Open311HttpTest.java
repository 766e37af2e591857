package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.projections.cases.CaseViews;

/**
 * The Open311 GeoReport v2 interface over HTTP (issue 9). Every JSON response is validated against the standard's
 * JSON Schemas (copied into {@code src/test/resources/open311-schema/}, see its README), every XML response against
 * the same field lists (the schemas' property names; the spec has no XSD); the error format for 400, 403 and 404 in
 * both formats; a round trip: a key issued by an administrator, a request created with it, found by id and in the
 * keyed list, its notes growing as staff act, closed at completion; and nothing of the applicant's personal data or
 * own text in any response. Without Elasticsearch (Surefire runs none) the date-filtered list is a 503 in the spec's
 * format; the list by {@code service_request_id} needs no index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Open311HttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    private static final String V2 = "/open311/v2";
    // The applicant's personal data and own text: never in an Open311 response.
    private static final String FAMILY = "欧阳";
    private static final String GIVEN = "秘密甲";
    private static final String PHONE = "13987654321";
    private static final String ADDRESS = "示范区甲街道幸福路88号";
    private static final String DESCRIPTION = "家中突发变故丙丁";
    private static final List<String> SECRET = List.of(FAMILY + GIVEN, GIVEN, PHONE, "5432", ADDRESS, "幸福路",
            DESCRIPTION, "突发变故");

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseViews caseViews;

    /** Once for the class (the token outlives it; each login costs a bcrypt check). */
    private static String admin;

    @BeforeEach
    void login() {
        if (admin == null) {
            admin = token("admin", "demo-admin");
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private ResponseEntity<String> raw(HttpMethod method, String path, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        if (form != null) {
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        }
        return http.exchange(path, method, new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> open311(String path) {
        return raw(HttpMethod.GET, V2 + path, null);
    }

    /** The JSON body after checking status, content type and the schema ({@code schema} null: no schema exists). */
    private JsonNode json(ResponseEntity<String> response, int status, String schema) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/json;charset=UTF-8");
        JsonNode body = this.json.readTree(response.getBody());
        if (schema != null) {
            Schema s = SCHEMAS.getSchema(SchemaLocation.of("classpath:open311-schema/" + schema));
            assertThat(s.validate(body)).as("%s against %s", body, schema).isEmpty();
        }
        return body;
    }

    private Element xml(ResponseEntity<String> response, int status, String root) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/xml;charset=UTF-8");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
        Element element = document.getDocumentElement();
        assertThat(element.getTagName()).isEqualTo(root);
        return element;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    /** The property names and required names of one of the standard's schemas: the field list for XML. */
    private Set<String> fields(String schema, boolean required) throws Exception {
        JsonNode node = json.readTree(getClass().getResourceAsStream("/open311-schema/" + schema));
        Set<String> names = new HashSet<>();
        if (required) {
            node.path("required").forEach(n -> names.add(n.asText()));
        } else {
            node.path("properties").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** Every child of {@code element} is a field of the schema (plus {@code extra}), and every required one is there. */
    private void assertFields(Element element, String schema, Set<String> extra) throws Exception {
        Set<String> names = new HashSet<>();
        children(element, null).forEach(c -> names.add(c.getTagName()));
        Set<String> allowed = new HashSet<>(fields(schema, false));
        allowed.addAll(extra);
        assertThat(allowed).as("fields of <%s> against %s", element.getTagName(), schema).containsAll(names);
        assertThat(names).as("required fields of <%s>", element.getTagName()).containsAll(fields(schema, true));
    }

    private static void assertNoPersonalData(ResponseEntity<String> response) {
        assertThat(response.getBody()).doesNotContain(SECRET).doesNotContainIgnoringCase("description\"")
                .doesNotContain("<description>" + DESCRIPTION);
    }

    private String issueKey(String window) {
        JsonNode issued = ok(post("/api/admin/open311/keys", admin, Map.of("label", "示范区政务服务App",
                "window", window)));
        return issued.path("apiKey").asText();
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private void assertError(ResponseEntity<String> response, int status, String code, boolean xml) throws Exception {
        if (xml) {
            Element errors = xml(response, status, "errors");
            List<Element> list = children(errors, "error");
            assertThat(list).hasSize(1);
            assertThat(children(list.get(0), null)).extracting(Element::getTagName)
                    .containsExactly("code", "description");
            assertThat(text(list.get(0), "code")).isEqualTo(code);
        } else {
            JsonNode body = json(response, status, null);
            assertThat(body.isArray()).as("%s", body).isTrue();
            assertThat(body).hasSize(1);
            assertThat(body.get(0).path("code").asText()).isEqualTo(code);
            assertThat(body.get(0).path("description").asText()).isNotBlank();
            assertThat(body.get(0).size()).isEqualTo(2);
        }
    }

    /** The request once the public view has it, with at least {@code notes} notes. */
    private JsonNode requestWithNotes(String trackingNumber, int notes) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await("request " + trackingNumber + " with " + notes + " notes").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    ResponseEntity<String> r = open311("/requests/" + trackingNumber + ".json");
                    if (r.getStatusCode().value() != 200) {
                        return false;
                    }
                    found[0] = json.readTree(r.getBody()).get(0);
                    return found[0].path("notes").size() >= notes;
                });
        return found[0];
    }

    // --- tests -------------------------------------------------------------------------------------------------------

    @Test
    void theSchemasRejectWhatTheStandardForbids() throws Exception {
        Schema requests = SCHEMAS.getSchema(SchemaLocation.of("classpath:open311-schema/requests.json"));
        assertThat(requests.validate(json.readTree("[{\"service_request_id\":\"WM-1\",\"status\":\"open\","
                + "\"service_code\":\"MZ-002\",\"requested_datetime\":\"2025-03-04T02:00:00Z\"}]"))).isEmpty();
        assertThat(requests.validate(json.readTree("[{\"service_request_id\":1,\"status\":\"pending\","
                + "\"service_code\":\"MZ-002\",\"requested_datetime\":\"yesterday\"}]"))).hasSize(3);
    }

    @Test
    void discoveryServicesAndDefinitionsInBothFormatsFollowTheSchemasAndFieldLists() throws Exception {
        JsonNode discovery = json(open311("/discovery.json"), 200, null);
        assertThat(discovery.path("endpoints")).hasSize(2);
        for (JsonNode endpoint : discovery.path("endpoints")) {
            assertThat(endpoint.path("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
            assertThat(endpoint.path("url").asText()).endsWith("/open311/v2");
            assertThat(endpoint.path("formats").toString()).contains("text/xml", "application/json");
        }
        Element discoveryXml = xml(open311("/discovery.xml"), 200, "discovery");
        assertThat(children(discoveryXml, null)).extracting(Element::getTagName)
                .containsExactly("changeset", "contact", "key_service", "endpoints");
        Element endpoint = children(children(discoveryXml, "endpoints").get(0), "endpoint").get(0);
        assertThat(children(children(endpoint, "formats").get(0), "format")).extracting(Element::getTextContent)
                .containsExactly("text/xml", "application/json");

        JsonNode services = json(open311("/services.json"), 200, "services.json");
        assertThat(services.size()).isGreaterThan(30);
        JsonNode mz002 = null;
        for (JsonNode s : services) {
            if (s.path("service_code").asText().equals("MZ-002")) {
                mz002 = s;
            }
        }
        assertThat(mz002).isNotNull();
        assertThat(mz002.path("service_name").asText()).isEqualTo("临时救助申请");
        assertThat(mz002.path("metadata").asBoolean()).isTrue();
        assertThat(mz002.path("type").asText()).isEqualTo("realtime");
        Element servicesXml = xml(open311("/services.xml"), 200, "services");
        assertThat(children(servicesXml, "service")).hasSize(services.size());
        for (Element service : children(servicesXml, "service")) {
            assertFields(service, "service.json", Set.of());
        }

        JsonNode definition = json(open311("/services/MZ-002.json"), 200, "service-definition.json");
        assertThat(definition.path("attributes").size()).isGreaterThanOrEqualTo(2);
        JsonNode first = definition.path("attributes").get(0);
        assertThat(first.path("code").asText()).isEqualTo("M01");
        assertThat(first.path("description").asText()).isEqualTo("居民身份证");
        assertThat(first.path("datatype").asText()).isEqualTo("singlevaluelist");
        assertThat(first.path("values").toString()).contains("\"key\":\"true\"", "\"key\":\"false\"");
        Element definitionXml = xml(open311("/services/MZ-002.xml"), 200, "service_definition");
        assertThat(text(definitionXml, "service_code")).isEqualTo("MZ-002");
        List<Element> attributes = children(children(definitionXml, "attributes").get(0), "attribute");
        assertThat(attributes).hasSize(definition.path("attributes").size());
        assertThat(children(children(attributes.get(0), "values").get(0), "value")).hasSize(2);

        assertError(open311("/services/NO-SUCH.json"), 404, "UNKNOWN_SERVICE_ITEM", false);
        assertError(open311("/services/NO-SUCH.xml"), 404, "UNKNOWN_SERVICE_ITEM", true);
        assertError(open311("/services.json?jurisdiction_id=elsewhere"), 404, "UNKNOWN_JURISDICTION", false);
        assertThat(open311("/services.json?jurisdiction_id=weimin").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aRequestCreatedWithAKeyIsFoundByIdAndInTheListAndItsNotesGrowAsStaffAct() throws Exception {
        String key = issueKey("JJD-ZX-W01");
        // M01 answered "yes" (supplied), M05 answered "false": M05 is asked for at once.
        JsonNode definition = json(open311("/services/MZ-002.json"), 200, "service-definition.json");
        int materials = definition.path("attributes").size();
        ResponseEntity<String> created = raw(HttpMethod.POST, V2 + "/requests.json", form("api_key", key,
                "service_code", "MZ-002", "attribute[M01]", "yes", "attribute[M05]", "false", "last_name", FAMILY,
                "first_name", GIVEN, "phone", PHONE, "address_string", ADDRESS, "description", DESCRIPTION,
                "email", "someone@example.org"));
        JsonNode reply = json(created, 201, null);
        assertNoPersonalData(created);
        assertThat(reply.isArray()).isTrue();
        assertThat(reply).hasSize(1);
        String tn = reply.get(0).path("service_request_id").asText();
        assertThat(TrackingNumber.parse(tn).value()).isEqualTo(tn);
        assertThat(reply.get(0).path("service_notice").asText())
                .isEqualTo("materials requested, " + (materials - 1) + " items awaited");
        assertThat(reply.get(0).has("account_id")).isFalse();
        String code = reply.get(0).path("verification_code").asText();
        assertThat(code).isNotBlank();

        // Found by id, public, in both formats: open, paused with the notice, received online at the key's window.
        JsonNode request = requestWithNotes(tn, 2);
        ResponseEntity<String> byId = open311("/requests/" + tn + ".json");
        json(byId, 200, "requests.json");
        assertNoPersonalData(byId);
        assertThat(request.path("status").asText()).isEqualTo("open");
        assertThat(request.path("service_code").asText()).isEqualTo("MZ-002");
        assertThat(request.path("agency_responsible").asText()).isEqualTo("甲街道政务服务中心");
        assertThat(request.path("service_notice").asText())
                .isEqualTo("materials requested, " + (materials - 1) + " items awaited");
        assertThat(request.path("requested_datetime").asText()).isEqualTo("2025-03-04T02:00:00Z");
        assertThat(request.has("expected_datetime")).as("no deadline while paused").isFalse();
        assertThat(request.has("description")).isFalse();
        assertThat(request.has("extended_attributes")).isFalse();
        assertThat(request.path("notes").get(0).path("type").asText()).isEqualTo("opened");
        assertThat(request.path("notes").get(1).path("summary").asText()).contains((materials - 1) + " items")
                .doesNotContain(definition.path("attributes").get(1).path("description").asText());
        JsonNode extended = json(open311("/requests/" + tn + ".json?extensions=true"), 200, "requests.json").get(0)
                .path("extended_attributes");
        assertThat(extended.path("detailed_status").asText()).isEqualTo("PAUSED");
        assertThat(extended.path("paused").asBoolean()).isTrue();
        assertThat(extended.path("remaining_working_days").asInt()).isEqualTo(5);
        ResponseEntity<String> byIdXml = open311("/requests/" + tn + ".xml?extensions=true");
        assertNoPersonalData(byIdXml);
        Element one = children(xml(byIdXml, 200, "service_requests"), "request").get(0);
        assertFields(one, "request.json", Set.of("notes", "extended_attributes"));
        assertThat(text(one, "service_request_id")).isEqualTo(tn);
        assertThat(children(children(one, "notes").get(0), "note")).hasSize(2);
        assertThat(text(children(one, "extended_attributes").get(0), "detailed_status")).isEqualTo("PAUSED");

        // The applicant's own data went through the sealing path: not in any stored event in clear.
        String stored = String.join("\n", jdbc.queryForList("SELECT UTF8TOSTRING(payload) FROM DomainEventEntry",
                String.class));
        assertThat(stored).doesNotContain(GIVEN, PHONE, ADDRESS, DESCRIPTION, key);
        assertThat(stored).contains("API_CLIENT");

        // The keyed list by id, in both formats.
        ResponseEntity<String> list = open311("/requests.json?api_key=" + key + "&service_request_id=" + tn
                + ",WM-00000-00001-Y");
        JsonNode listed = json(list, 200, "requests.json");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("service_request_id").asText()).isEqualTo(tn);
        Element listXml = xml(open311("/requests.xml?api_key=" + key + "&service_request_id=" + tn), 200,
                "service_requests");
        assertThat(children(listXml, "request")).hasSize(1);

        // Staff act; the notes grow, and completion closes the request.
        String caseId = caseViews.byTrackingNumber(TrackingNumber.parse(tn)).orElseThrow().caseId();
        String window = token("jjd-window", "demo-window");
        ok(post(path(caseId, "supplement"), window, Map.of("materials", List.of("M05"), "otherItems", List.of())));
        request = requestWithNotes(tn, 3);
        assertThat(request.has("service_notice")).isFalse();
        assertThat(request.path("expected_datetime").asText()).isNotBlank();
        ok(post(path(caseId, "forward"), window, Map.of("targetUnit", "SFQ-MZJ", "reason", "转办理由")));
        request = requestWithNotes(tn, 4);
        assertThat(request.path("agency_responsible").asText()).isEqualTo("示范区民政局");
        assertThat(request.path("status_notes").asText()).contains("awaiting acceptance");
        String department = token("mzj-handler", "demo-handler");
        ok(post(path(caseId, "acceptance"), department, null));
        ok(post(path(caseId, "completion"), department, Map.of("result", "GRANTED", "resultText", "已发放救助金")));
        request = requestWithNotes(tn, 6);
        ResponseEntity<String> closed = open311("/requests/" + tn + ".json");
        json(closed, 200, "requests.json");
        assertNoPersonalData(closed);
        assertThat(closed.getBody()).doesNotContain("转办理由", "已发放救助金");
        assertThat(request.path("status").asText()).isEqualTo("closed");
        assertThat(request.path("updated_datetime").asText()).isEqualTo("2025-03-04T02:00:00Z");
        List<String> types = new ArrayList<>();
        request.path("notes").forEach(n -> types.add(n.path("type").asText()));
        assertThat(types).containsExactly("opened", "activity", "activity", "activity", "activity", "closed");

        // The date-filtered list needs the search index, which this test runs without: 503 in the spec's format.
        assertError(open311("/requests.json?api_key=" + key + "&status=open"), 503, "SEARCH_UNAVAILABLE", false);
    }

    @Test
    void keysAreIssuedOnceListedWithoutSecretsRevokedAndRecordedAsEvents() throws Exception {
        ResponseEntity<JsonNode> issued = post("/api/admin/open311/keys", admin, Map.of("label", "市民热线App",
                "window", "JJD-ZX-W01"));
        assertThat(issued.getStatusCode().value()).isEqualTo(201);
        assertThat(issued.getHeaders().getCacheControl()).isEqualTo("no-store");
        String key = issued.getBody().path("apiKey").asText();
        String keyId = issued.getBody().at("/key/keyId").asText();
        assertThat(key).hasSize(43);
        String listed = ok(get("/api/admin/open311/keys", admin)).toString();
        assertThat(listed).contains(keyId, "市民热线App").doesNotContain(key);
        String hash = jdbc.queryForObject("SELECT key_hash FROM open311_api_key WHERE key_id = ?", String.class,
                keyId);
        assertThat(hash).hasSize(64).isNotEqualTo(key);
        assertThat(listed).doesNotContain(hash);
        assertThat(json(open311("/requests.json?api_key=" + key + "&service_request_id=WM-00000-00001-Y"), 200,
                "requests.json")).isEmpty();

        assertProblem(post("/api/admin/open311/keys", admin, Map.of("label", "x", "window", "JJD-ZX")), 400,
                "NOT_A_WINDOW_OF_STAFF_UNIT");
        assertProblem(post("/api/admin/open311/keys", admin, Map.of("label", "x", "window", "NO-SUCH")), 400,
                "UNKNOWN_ORG_UNIT");
        ok(post("/api/admin/open311/keys/" + keyId + "/revoke", admin, Map.of("reason", "合作终止")));
        assertProblem(post("/api/admin/open311/keys/" + keyId + "/revoke", admin, Map.of("reason", "再次")), 409,
                "API_KEY_ALREADY_REVOKED");
        assertProblem(post("/api/admin/open311/keys/k-000000000000/revoke", admin, Map.of("reason", "无")), 404,
                "API_KEY_NOT_FOUND");
        assertError(open311("/requests.json?api_key=" + key + "&service_request_id=WM-00000-00001-Y"), 403,
                "INVALID_API_KEY", false);
        assertError(raw(HttpMethod.POST, V2 + "/requests.xml", form("api_key", key, "service_code", "MZ-002",
                "last_name", FAMILY)), 403, "INVALID_API_KEY", true);

        String stored = String.join("\n", jdbc.queryForList("SELECT payloadType || ' ' || UTF8TOSTRING(payload) "
                + "FROM DomainEventEntry WHERE aggregateIdentifier = ?", String.class, "apikey:" + keyId));
        assertThat(stored).contains("ApiKeyIssued", "ApiKeyRevoked", "JJD-ZX-W01", "合作终止", "admin")
                .doesNotContain(key, hash);
    }

    @Test
    void errorsComeInTheSpecsFormatWith400403And404InBothFormats() throws Exception {
        String key = issueKey("JJD-ZX-W01");
        for (boolean xml : new boolean[] {false, true}) {
            String suffix = xml ? ".xml" : ".json";
            assertError(open311("/requests/WM-00000-00001-Y" + suffix), 404, "CASE_NOT_FOUND", xml);
            assertError(open311("/requests/WM-00000-00001-Z" + suffix), 400, "INVALID_TRACKING_NUMBER", xml);
            assertError(open311("/requests" + suffix), 403, "INVALID_API_KEY", xml);
            assertError(open311("/requests" + suffix + "?api_key=not-a-key"), 403, "INVALID_API_KEY", xml);
            assertError(open311("/requests" + suffix + "?api_key=" + key + "&start_date=yesterday"), 400,
                    "VALIDATION_FAILED", xml);
            assertError(open311("/requests" + suffix + "?api_key=" + key
                    + "&start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z"), 400, "VALIDATION_FAILED", xml);
            assertError(open311("/requests" + suffix + "?api_key=" + key + "&status=pending"), 400,
                    "VALIDATION_FAILED", xml);
            assertError(open311("/requests" + suffix + "?api_key=" + key + "&page_size=5000"), 400,
                    "VALIDATION_FAILED", xml);
            String create = V2 + "/requests" + suffix;
            assertError(raw(HttpMethod.POST, create, form("service_code", "MZ-002", "last_name", FAMILY)), 403,
                    "INVALID_API_KEY", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "last_name", FAMILY)), 400,
                    "VALIDATION_FAILED", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "MZ-002")), 400,
                    "VALIDATION_FAILED", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "NO-SUCH", "last_name",
                    FAMILY)), 400, "UNKNOWN_SERVICE_ITEM", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "MZ-002", "last_name",
                    FAMILY, "attribute[M99]", "true")), 400, "UNKNOWN_MATERIAL", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "MZ-002", "last_name",
                    FAMILY, "attribute[M01]", "maybe")), 400, "VALIDATION_FAILED", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "MZ-002", "last_name",
                    FAMILY, "phone", "12")), 400, "INVALID_PERSONAL_IDENTIFIER", xml);
            assertError(raw(HttpMethod.POST, create, form("api_key", key, "service_code", "MZ-002", "last_name",
                    FAMILY, "description", "长".repeat(4001))), 400, "VALIDATION_FAILED", xml);
        }
        assertError(open311("/services.yaml"), 404, "UNKNOWN_FORMAT", false);
        assertError(open311("/servicerequestupdates.json"), 404, "UNKNOWN_RESOURCE", false);
        assertError(open311("/tokens/abc.xml"), 404, "UNKNOWN_RESOURCE", true);
        // A refused creation appends nothing.
        Long cases = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE "
                + "'%CaseReceived'", Long.class);
        assertThat(cases).isZero();
    }

    @Test
    void everyRequestFieldComesFromThePublicViewAndAllAnsweredMaterialsMeanNoNotice() throws Exception {
        String key = issueKey("JJD-ZX-W01");
        JsonNode definition = json(open311("/services/MZ-002.json"), 200, "service-definition.json");
        Map<String, String> answers = new LinkedHashMap<>();
        definition.path("attributes").forEach(a -> answers.put("attribute[" + a.path("code").asText() + "]", "1"));
        MultiValueMap<String, String> form = form("api_key", key, "service_code", "MZ-002", "first_name", GIVEN);
        answers.forEach(form::add);
        JsonNode reply = json(raw(HttpMethod.POST, V2 + "/requests.json", form), 201, null);
        assertThat(reply.get(0).has("service_notice")).isFalse();
        JsonNode request = requestWithNotes(reply.get(0).path("service_request_id").asText(), 1);
        assertThat(request.path("status_notes").asText()).contains("in progress");
        // Received Tue 2025-03-04, limit 5: counted 03-05 … 03-11, due 24:00 Beijing at the end of 03-11.
        assertThat(request.path("expected_datetime").asText()).isEqualTo("2025-03-11T16:00:00Z");
        assertThat(request.has("service_notice")).isFalse();
    }
}
