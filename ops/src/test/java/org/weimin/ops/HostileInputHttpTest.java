package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.weimin.events.ErrorCode;

/**
 * Hostile input (issue 8): {@value #DEFAULT_COUNT} generated requests (system property {@code hostile.count}) from a
 * seed ({@code hostile.seed}; printed, and named in every failure) across every endpoint of the running service — the
 * list comes from Spring's request mappings, so a new endpoint is covered without a change here; a request body is
 * generated from the handler's {@code @RequestBody} type (a record: its components by name and type). Each request
 * is sent as raw bytes ({@link RawHttp}) by one caller: the public, every staff role (tokens minted with the service's
 * own encoder), or garbage {@code Authorization}. What it gets:
 * <ul>
 *   <li>a body of the right shape with hostile values: empty, blank and very long strings, control characters, lone
 *       surrogates, zero-width and RTL marks, full-width digits, huge, negative and fractional numbers, dates out of
 *       range, wrong JSON types;</li>
 *   <li>malformed JSON (truncated, nested 100,000 deep, duplicate keys, comments, trailing text), bodies over the
 *       1 MiB limit, wrongly encoded bytes (invalid UTF-8, UTF-16 with and without BOM, Latin-1, a lying charset);</li>
 *   <li>wrong methods and content types, garbage {@code If-Match}, {@code Idempotency-Key}, {@code Authorization}
 *       and {@code X-Verification-Code} headers, oversized headers and URLs, garbage path parameters and query
 *       strings.</li>
 * </ul>
 * Asserted for every reply: never a 5xx (except 503 {@code SEARCH_UNAVAILABLE}: these in-process tests run without
 * Elasticsearch); every 4xx an RFC 9457 problem detail with a stable {@code code} (an {@link ErrorCode} name or
 * {@code NOT_FOUND} / {@code HTTP_<status>} for Spring's and Tomcat's own rejections) — under {@code /open311} the
 * spec's error format instead; and a rejected request changed no store: the event store (count and head), the
 * ledger's checkpoints and keys, the applicant data keys, API keys, users, imports, dead letters and every read-model
 * collection (document count and content hash). A reply stored for an {@code Idempotency-Key} is the one allowed
 * change (README "Idempotent retries": a 4xx is kept for the key). The rate limits are the loadtest profile's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputHttpTest extends HttpTestSupport {
    static final int DEFAULT_COUNT = 10_000;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
        registry.add("weimin.ledger.checkpoint-interval", () -> "PT0S");
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventProcessingConfiguration processing;

    /** One endpoint: method, pattern, and the handler's path variables, query parameters and body type. */
    record Endpoint(String method, String pattern, List<String> pathVariables, List<String> queryParams, Type body) {
        boolean open311() {
            return pattern.startsWith("/open311/");
        }
    }

    /** A generated request, described for a failure message. */
    record Sent(int index, String category, String caller, String head, byte[] body) {
        String describe() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            String shownHead = head.replaceAll("Bearer eyJ[A-Za-z0-9._-]+", "Bearer <token>");
            String line = shownHead.length() > 600 ? shownHead.substring(0, 600) + "..." : shownHead;
            return "#" + index + " [" + category + ", " + caller + "] " + line.replace("\r\n", " | ")
                    + (body == null ? "" : " || " + body.length + " bytes: " + shown);
        }
    }

    static final List<String> ROLES = List.of("window-staff", "unit-head", "line-department-handler", "supervisor",
            "auditor", "administrator", "importer");
    /** Spring's own codes besides {@link ErrorCode} (ProblemDetailsAdvice#createResponseEntity), and HTTP_4xx. */
    static final Set<String> GENERIC_CODES = Set.of("NOT_FOUND");

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> caseIds = new ArrayList<>();
    private final List<String> trackingNumbers = new ArrayList<>();
    private final List<String> verificationCodes = new ArrayList<>();
    private String apiKey;

    @Test
    void tenThousandHostileRequestsGetNoServerErrorOnlyProblemsAndChangeNothingWhenRejected() throws Exception {
        long seed = Long.getLong("hostile.seed", 20261130L);
        int count = Integer.getInteger("hostile.count", DEFAULT_COUNT);
        System.out.printf("hostile input: seed %d, %d requests (-Dhostile.seed=... -Dhostile.count=...)%n", seed,
                count);
        setUp();
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints from the request mappings").hasSizeGreaterThan(60);
        Random random = new Random(seed);
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> categories = new TreeMap<>();
        Set<String> covered = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        quiesce();
        String before = fingerprint(false);
        String contentBefore = fingerprint(true);
        int contentFrom = 0;
        int rejectedSinceContent = 0;
        long sending = 0;
        long checking = 0;
        for (int i = 0; i < count && failures.size() < 20; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Sent sent = generate(i, endpoint, random);
            categories.merge(sent.category(), 1, Integer::sum);
            covered.add(endpoint.method() + " " + endpoint.pattern());
            RawHttp.Reply reply;
            long started = System.nanoTime();
            try {
                reply = RawHttp.send(port, sent.head(), sent.body());
            } catch (java.io.IOException e) {
                failures.add(sent.describe() + "\n  -> no reply: " + e);
                continue;
            } finally {
                sending += System.nanoTime() - started;
            }
            started = System.nanoTime();
            statuses.merge(Integer.toString(reply.status()), 1, Integer::sum);
            String wrong = judge(endpoint, sent, reply);
            if (wrong != null) {
                failures.add(sent.describe() + "\n  -> " + reply.status() + " " + reply.contentType() + " "
                        + abbreviate(reply.text()) + "\n  " + wrong);
            }
            if (reply.status() >= 400) {
                String after = fingerprint(false);
                if (!after.equals(before) && !storedForIdempotencyKey(sent, reply, before, after)) {
                    failures.add(sent.describe() + "\n  -> rejected with " + reply.status() + " "
                            + abbreviate(reply.text()) + " but the stores changed:\n  before " + before
                            + "\n  after  " + after);
                }
                before = after;
                if (++rejectedSinceContent == CONTENT_EVERY) {
                    // The read models' contents (not only their counts), every few rejections: all rejected since.
                    String contentAfter = fingerprint(true);
                    if (!contentAfter.replaceAll("IDEMPOTENCY=\\d+", "")
                            .equals(contentBefore.replaceAll("IDEMPOTENCY=\\d+", ""))) {
                        failures.add("requests #" + contentFrom + " to #" + i + " were all rejected, but the read "
                                + "models changed:\n  before " + contentBefore + "\n  after  " + contentAfter);
                    }
                    contentBefore = contentAfter;
                    contentFrom = i + 1;
                    rejectedSinceContent = 0;
                }
            } else if (!sent.head().startsWith("GET ")) {
                quiesce();
                before = fingerprint(false);
                contentBefore = fingerprint(true);
                contentFrom = i + 1;
                rejectedSinceContent = 0;
            }
            checking += System.nanoTime() - started;
        }
        System.out.printf("hostile input: statuses %s%n  categories %s%n  endpoints covered %d of %d%n"
                + "  %d s sending, %d s checking the stores%n", statuses, categories, covered.size(), endpoints.size(),
                sending / 1_000_000_000, checking / 1_000_000_000);
        assertThat(failures).as("seed %d: requests answered wrongly (rerun with -Dhostile.seed=%d)", seed, seed)
                .isEmpty();
        if (count >= DEFAULT_COUNT) {
            assertThat(covered).as("every endpoint was called").hasSize(endpoints.size());
        }
    }

    /**
     * The decision on characters ({@code TextCharacters}): free text with a control character, a C1 control or an
     * unpaired surrogate is rejected with 400 {@code INVALID_CHARACTERS} naming the field, and nothing is recorded;
     * zero-width, direction marks, full-width digits and emoji are text, accepted and kept as given.
     */
    @Test
    void controlCharactersAndLoneSurrogatesAreRejectedWhileMarksAndFullWidthFormsAreKept() throws Exception {
        String officer = mint("chars-officer", "JJD-ZX", "window-staff");
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry", Long.class);
        for (String[] bad : new String[][] {{"subject", "\\u0000"}, {"subject", "\\u001b[31m"},
            {"description", "\\u0085"}, {"description", "a\\ud800b"}, {"subject", "\\udfff"},
            {"description", "\\uffff"}}) {
            String body = "{\"window\":\"JJD-ZX-W01\",\"serviceItem\":\"MZ-002\",\"channel\":\"WINDOW\","
                    + "\"applicant\":{\"name\":\"李字符\",\"phone\":\"13800138000\"},\"subject\":\"主题\","
                    + "\"description\":\"说明\"}";
            body = body.replace("\"" + bad[0] + "\":\"", "\"" + bad[0] + "\":\"x" + bad[1]);
            RawHttp.Reply reply = RawHttp.send(port, "POST /api/cases HTTP/1.1\r\nAuthorization: Bearer " + officer
                    + "\r\nContent-Type: application/json", body.getBytes(StandardCharsets.UTF_8));
            JsonNode problem = json.readTree(reply.body());
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(problem.path("code").asText()).as(body).isEqualTo("INVALID_CHARACTERS");
            assertThat(problem.path("fields").has(bad[0])).as("%s names %s", problem, bad[0]).isTrue();
        }
        RawHttp.Reply nameReply = RawHttp.send(port, "POST /api/cases HTTP/1.1\r\nAuthorization: Bearer " + officer
                + "\r\nContent-Type: application/json", ("{\"window\":\"JJD-ZX-W01\",\"serviceItem\":\"MZ-002\","
                + "\"channel\":\"WINDOW\",\"applicant\":{\"name\":\"李\\u0007\",\"phone\":\"13800138000\"},"
                + "\"subject\":\"主题\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(json.readTree(nameReply.body()).path("fields").has("applicant.name")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry", Long.class))
                .as("nothing recorded").isEqualTo(head);

        Map<String, Object> body = receiveBody("MZ-002");
        String kept = "零\u200b宽\u200f\u202e反\u202c１２３😀\tline\nend";
        body.put("subject", kept);
        JsonNode receipt = ok(post("/api/cases", officer, body));
        JsonNode view = staffView(receipt.path("caseId").asText(), officer, 0);
        assertThat(view.toString()).contains(json.writeValueAsString(kept).replace("\"", ""));

        String form = "api_key=" + apiKeyForCharacters() + "&service_code=MZ-002&last_name=%E6%9D%8E&phone=13800138000"
                + "&description=a%01b";
        RawHttp.Reply open311 = RawHttp.send(port, "POST /open311/v2/requests.json HTTP/1.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII));
        assertThat(open311.status()).isEqualTo(400);
        assertThat(json.readTree(open311.body()).get(0).path("code").asText()).isEqualTo("INVALID_CHARACTERS");
    }

    private String apiKeyForCharacters() {
        return ok(post("/api/admin/open311/keys", mint("chars-admin", "SFS", "administrator"),
                Map.of("label", "characters", "window", "JJD-ZX-W01"))).path("apiKey").asText();
    }

    // --- the endpoints and their callers ---------------------------------------------------------------------------

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            List<String> variables = new ArrayList<>();
            List<String> params = new ArrayList<>();
            Type body = null;
            for (Parameter p : e.getValue().getMethod().getParameters()) {
                if (p.isAnnotationPresent(PathVariable.class)) {
                    variables.add(p.getName());
                } else if (p.isAnnotationPresent(RequestParam.class)) {
                    RequestParam rp = p.getAnnotation(RequestParam.class);
                    String name = rp.name().isEmpty() ? rp.value() : rp.name();
                    params.add(name.isEmpty() ? "*" : name);
                } else if (p.isAnnotationPresent(RequestBody.class)) {
                    body = p.getParameterizedType();
                }
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/open311/")) {
                    continue; // the error page, springdoc and the actuator are Spring's own
                }
                for (var m : e.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(m.name(), pattern, variables, params, body));
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing((Endpoint x) -> x.pattern()).thenComparing(Endpoint::method));
        return endpoints;
    }

    private void setUp() {
        for (String role : ROLES) {
            String unit = switch (role) {
                case "supervisor" -> "JJD";
                case "auditor", "administrator", "importer" -> "SFS";
                default -> "JJD-ZX";
            };
            tokens.put(role, mint("hostile-" + role, unit, role));
        }
        for (int i = 0; i < 3; i++) {
            JsonNode receipt = ok(post("/api/cases", tokens.get("window-staff"), receiveBody("MZ-002")));
            caseIds.add(receipt.path("caseId").asText());
            trackingNumbers.add(receipt.path("trackingNumber").asText());
            verificationCodes.add(receipt.path("verificationCode").asText());
        }
        apiKey = ok(post("/api/admin/open311/keys", tokens.get("administrator"),
                Map.of("label", "hostile", "window", "JJD-ZX-W01"))).path("apiKey").asText();
    }

    private String mint(String user, String unit, String role) {
        return mint(user, unit, role, clock.instant());
    }

    // --- generation --------------------------------------------------------------------------------------------------

    static final String[] HOSTILE_TEXT = {"", " ", "\t", "\u0000", "a\u0000b", "\u0007\u0008", "\u001b[31m红\u001b[0m",
        "\u007f", "\u0085", "\u009b", "\ud800", "\udfff", "x\udc00y", "\ud83d", "😀", "\u200b", "\u200b\u200c\u200d",
        "\u202e反转\u202c", "\u200f", "\u2066\u2069", "\ufeff", "\ufffe", "\uffff", "１２３４５６", "ＷＭ－１",
        "e\u0301\u0301\u0301", "'; DROP TABLE DomainEventEntry; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "%00", "%zz", "\\u0000", "null", "NaN", "-0", "1e400", "\r\nSet-Cookie: a=b",
        "🀄".repeat(300), "长".repeat(5001), "a".repeat(70_000), "11010519491231002X", "13800138000", "张三"};
    static final String[] HOSTILE_NUMBER = {"0", "-1", "-2147483649", "2147483648", "9223372036854775808",
        "-9223372036854775809", "1e400", "-1e400", "1.5", "0.0000001", "1E2", "0x10", "00012", "\"3\"", "true", "null",
        "[]", "{}", "99999999999999999999999999999999999999"};
    static final String[] HOSTILE_DATE = {"\"0000-01-01\"", "\"-0001-01-01\"", "\"+999999999-12-31\"",
        "\"2025-02-30\"", "\"2025-13-01\"", "\"9999-12-31\"", "\"2025-03-03T25:00:00Z\"", "\"1970-01-01T00:00:00Z\"",
        "\"+1000000000-01-01T00:00:00Z\"", "\"2025-03-03T10:00:00+25:00\"", "\"２０２５-０３-０３\"", "\"\"",
        "\"2025-3-3\"", "0", "-62167219200", "\"yesterday\""};
    static final String[] GARBAGE_PATH = {"x", "00000000-0000-4000-8000-000000000000", "-1", "0", "2147483648",
        "99999999999999999999", "%00", "%FF", "%C0%AF", "%ED%A0%80", "..%2F..%2Fetc", "%2e%2e", "a%20b", "%E2%80%AE",
        "%EF%BC%91", "WM-00000-00000-0", "wm-xxxxx-xxxxx-x", "%3Cscript%3E", "a".repeat(3000), "%25", "%", "%u0041",
        ";jsessionid=1", "%5C", "%0A", "null", "verification", "rectify", "applicant-kek", "ledger-signing",
        "case-view", "json", "xml", "MZ-002", "JJD-ZX", "admin"};
    static final String[] GARBAGE_AUTH = {"Bearer", "Bearer ", "Bearer x", "Bearer a.b.c", "Basic YWRtaW46ZGVtby1hZG1pbg==",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW5pc3RyYXRvciJdfQ.", "bearer  ", "\u0000",
        "Bearer " + "A".repeat(9000), "Digest x", "Bearer 😀"};
    static final String[] GARBAGE_IF_MATCH = {"", "\"\"", "*", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "abc",
        "\"1\", \"2\"", "1", "\"\u00e9\""};
    static final String[] GARBAGE_IDEMPOTENCY = {"", " ", "a".repeat(256), "ключ", "a\tb", "k1", "k1", "k2",
        "\u007f", "x"};
    static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
        "application/json; charset=nonsense", "application/*", "*/*", ";;;", "application/json;;charset", "json",
        "application/merge-patch+json", "application/problem+json", "text/html; charset=utf-8",
        "application/octet-stream"};
    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"};

    private Sent generate(int index, Endpoint endpoint, Random r) {
        String caller = r.nextInt(10) == 0 ? "garbage" : r.nextInt(9) == 0 ? "public"
                : ROLES.get(r.nextInt(ROLES.size()));
        String category = switch (r.nextInt(14)) {
            case 0, 1, 2, 3 -> "hostile-values";
            case 4, 5 -> "malformed-json";
            case 6 -> "encoding";
            case 7 -> "oversized";
            case 8 -> "method";
            case 9 -> "content-type";
            case 10 -> "headers";
            case 11 -> "path";
            case 12 -> "query";
            default -> "plain";
        };
        String method = category.equals("method") ? METHODS[r.nextInt(METHODS.length)] : endpoint.method();
        String path = path(endpoint, r, category.equals("path"));
        String query = query(endpoint, r, category.equals("query"));
        List<String> headers = new ArrayList<>();
        switch (caller) {
            case "garbage" -> headers.add("Authorization: " + pick(r, GARBAGE_AUTH));
            case "public" -> { }
            default -> headers.add("Authorization: Bearer " + tokens.get(caller));
        }
        byte[] body = null;
        String contentType = endpoint.open311() ? "application/x-www-form-urlencoded" : "application/json";
        boolean hasBody = endpoint.body() != null || endpoint.open311() && "POST".equals(endpoint.method());
        if (hasBody || r.nextInt(6) == 0) {
            String text = endpoint.open311() ? form(r, category.equals("hostile-values"))
                    : json(endpoint.body(), r, category.equals("hostile-values"));
            body = text.getBytes(StandardCharsets.UTF_8);
            switch (category) {
                case "malformed-json" -> body = malformed(text, r);
                case "encoding" -> {
                    Object[] encoded = encode(text, r);
                    body = (byte[]) encoded[0];
                    contentType = (String) encoded[1];
                }
                case "oversized" -> body = oversized(text, r);
                case "content-type" -> contentType = pick(r, CONTENT_TYPES);
                default -> { }
            }
        }
        if (category.equals("oversized") && (body == null || r.nextBoolean())) {
            if (r.nextBoolean()) {
                headers.add("X-Filler: " + "f".repeat(8_000 + r.nextInt(60_000)));
            } else {
                query = "?q=" + "q".repeat(8_000 + r.nextInt(60_000));
            }
        }
        if (category.equals("headers")) {
            switch (r.nextInt(5)) {
                case 0 -> headers.add("If-Match: " + pick(r, GARBAGE_IF_MATCH));
                case 1 -> headers.add("Idempotency-Key: " + pick(r, GARBAGE_IDEMPOTENCY));
                case 2 -> headers.add("X-Verification-Code: " + pick(r, new String[] {"", "0", "\u00ff\u00fe",
                    "a".repeat(5000), verificationCodes.get(0), "%00"}));
                case 3 -> headers.add("Accept: " + pick(r, new String[] {"text/html", "application/xml", "image/png",
                    ";;", "*/*;q=x", "application/json;q=0"}));
                default -> headers.add(pick(r, new String[] {"Content-Length: -1", "Content-Length: 99999999999",
                    "Transfer-Encoding: chunked", "Expect: 100-continue", "Content-Encoding: gzip",
                    "X-Forwarded-For: 1.2.3.4, <script>", "Cookie: JSESSIONID=\u0000"}));
            }
        }
        if (body != null) {
            headers.add("Content-Type: " + contentType);
            if (headers.stream().anyMatch(h -> h.startsWith("Transfer-Encoding"))) {
                body = chunked(body);
            }
        }
        String head = method + " " + path + query + " HTTP/1.1\r\n" + String.join("\r\n", headers);
        return new Sent(index, category, caller, head, body);
    }

    private String path(Endpoint endpoint, Random r, boolean garbage) {
        String path = endpoint.pattern();
        for (String variable : endpoint.pathVariables()) {
            String value;
            if (garbage || r.nextInt(4) == 0) {
                value = pick(r, GARBAGE_PATH);
            } else {
                value = switch (variable) {
                    case "caseId" -> caseIds.get(r.nextInt(caseIds.size()));
                    case "trackingNumber", "id" -> trackingNumbers.get(r.nextInt(trackingNumbers.size()));
                    case "noticeNumber", "number" -> Integer.toString(r.nextInt(3));
                    case "year" -> Integer.toString(2020 + r.nextInt(10));
                    case "group" -> pick(r, new String[] {"case-view", "supervisor-queue", "case-search",
                        "calendar-revision"});
                    case "format" -> pick(r, new String[] {"json", "xml", "JSON", "html", ""});
                    case "step" -> pick(r, new String[] {"verification", "rectification", "reply"});
                    case "unit" -> "YJD-ZX";
                    case "code" -> "MZ-002";
                    case "username" -> "sfq-window";
                    default -> "x";
                };
            }
            path = path.replace("{" + variable + "}", value);
        }
        return path.replaceAll("\\{[^}]*}", "x");
    }

    private String query(Endpoint endpoint, Random r, boolean garbage) {
        List<String> names = new ArrayList<>(List.of("unit", "dimension", "granularity", "period", "figure", "asOf",
                "page", "size", "q", "status", "from", "to", "sort", "order", "after", "window", "item", "holder",
                "receivedFrom", "receivedTo", "overdue", "api_key", "service_code", "start_date", "end_date",
                "service_request_id", "page_size", "jurisdiction_id"));
        endpoint.queryParams().stream().filter(n -> !n.equals("*")).forEach(names::add);
        int n = garbage ? 1 + r.nextInt(5) : r.nextInt(3);
        List<String> pairs = new ArrayList<>();
        if (endpoint.open311() && r.nextInt(3) > 0) {
            pairs.add("api_key=" + apiKey);
        }
        for (int i = 0; i < n; i++) {
            String name = pick(r, names.toArray(String[]::new));
            String value = garbage ? pick(r, new String[] {"%FF", "%", "%0", "%00", "%C3%28", "a%20b", "%E2%80%AE",
                "-1", "99999999999999999999", "2025-13-45", "%EF%BC%91", "x".repeat(2000), "", "%F0%9F%98%80",
                "%ED%A0%80", "true", "month", "unit", "2026-11", "JJD", "%0D%0ASet-Cookie:a"})
                    : pick(r, new String[] {"2026-11", "JJD", "JJD-ZX", "month", "year", "received", "1", "0", "10",
                        "open", "2026-11-30", "2026-11-30T02:00:00Z", "MZ-002", "unit", "desc"});
            pairs.add((garbage && r.nextInt(4) == 0 ? pick(r, new String[] {"%00", "a%FF", "", "=", "%"}) : name)
                    + "=" + value);
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** A JSON body for {@code type}: plausible values, or (hostile) with some replaced by hostile ones. */
    private String json(Type type, Random r, boolean hostile) {
        if (type == null) {
            return r.nextBoolean() ? "{}" : "{\"reason\":\"测试\"}";
        }
        return value(type, "body", r, hostile, 0);
    }

    private String value(Type type, String name, Random r, boolean hostile, int depth) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        boolean spoil = hostile && r.nextInt(3) == 0 && depth > 0;
        if (spoil && r.nextInt(8) == 0) {
            return pick(r, new String[] {"null", "[]", "{}", "true", "\"\"", "0"});
        }
        if (raw == String.class) {
            return spoil ? quote(pick(r, HOSTILE_TEXT), r) : quote(plausible(name), r);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return spoil ? pick(r, HOSTILE_NUMBER) : Integer.toString(1 + r.nextInt(3));
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return spoil ? pick(r, new String[] {"\"true\"", "1", "null", "\"yes\""}) : "true";
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return spoil ? pick(r, new String[] {"\"\"", "0", "\"X\"", "\"" + constants[0].toString().toLowerCase()
                    + "\"", "\"ＷＩＮＤＯＷ\""}) : "\"" + constants[r.nextInt(constants.length)] + "\"";
        }
        if (raw == java.time.LocalDate.class) {
            return spoil ? pick(r, HOSTILE_DATE) : "\"2026-12-" + (10 + r.nextInt(10)) + "\"";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(raw)) {
            return spoil ? pick(r, HOSTILE_DATE) : "\"2026-11-30T02:00:00Z\"";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0]
                    : raw.isArray() ? raw.getComponentType() : String.class;
            int n = spoil ? pick(r, new Integer[] {0, 51, 2000}) : 1 + r.nextInt(2);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(value(element, name, r, hostile && i == 0, depth + 1));
            }
            return "[" + String.join(",", items) + "]";
        }
        if (Map.class.isAssignableFrom(raw) || raw == Object.class || raw == JsonNode.class) {
            return spoil ? "{\"\":null,\"a\":{\"b\":[1,{}]}}" : "{}";
        }
        if (raw.isRecord() && depth < 6) {
            List<String> fields = new ArrayList<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                if (hostile && r.nextInt(12) == 0) {
                    continue; // a missing field
                }
                fields.add(quote(c.getName(), r) + ":" + value(c.getGenericType(), c.getName(), r, hostile,
                        depth + 1));
            }
            if (hostile && r.nextInt(10) == 0) {
                fields.add("\"unknownField\":1");
            }
            return "{" + String.join(",", fields) + "}";
        }
        return "{}";
    }

    /** Plausible values by the field name's part (lower case), first match wins; else Chinese text. */
    static final String[][] PLAUSIBLE = {{"window", "JJD-ZX-W01"}, {"unit", "JJD-ZX"}, {"parent", "JJD-ZX"},
        {"department", "JJD-ZX"}, {"serviceitem", "MZ-002"}, {"material", "MZ-002"}, {"phone", "13800138000"},
        {"idnumber", "11010519491231002X"}, {"password", "a-long-new-password"}, {"username", "hostile-user"},
        {"caseid", "00000000-0000-4000-8000-000000000000"}, {"verificationcode", "123456"}};

    private static String plausible(String name) {
        String n = name.toLowerCase();
        if (n.equals("code")) {
            return "MZ-002";
        }
        return Arrays.stream(PLAUSIBLE).filter(p -> n.contains(p[0])).map(p -> p[1]).findFirst().orElse("测试文本");
    }

    /** A JSON string literal; non-ASCII sometimes escaped as {@code \\uXXXX} (the only way to send a lone surrogate). */
    private static String quote(String s, Random r) {
        boolean escapeAll = r.nextBoolean();
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || escapeAll && c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String form(Random r, boolean hostile) {
        List<String> pairs = new ArrayList<>();
        if (r.nextInt(4) > 0) {
            pairs.add("api_key=" + apiKey);
        }
        for (String name : new String[] {"service_code", "description", "address_string", "first_name", "last_name",
            "phone", "email", "lat", "long", "jurisdiction_id", "attribute[x]"}) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            String value = name.equals("service_code") ? "MZ-002" : name.equals("phone") ? "13800138000" : "测试";
            if (hostile && r.nextInt(3) == 0) {
                value = pick(r, HOSTILE_TEXT);
            }
            pairs.add(name + "=" + (hostile && r.nextInt(5) == 0 ? pick(r, new String[] {"%FF", "%", "%C0%80"})
                    : urlEncode(value)));
        }
        return String.join("&", pairs);
    }

    /** Percent-encodes UTF-8 bytes; a lone surrogate becomes the bytes of its (invalid) 3-byte form. */
    private static String urlEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            byte[] bytes = Character.isSurrogate(c) ? new byte[] {(byte) 0xED, (byte) (0xA0 | (c >> 6 & 0x1F)),
                (byte) (0x80 | c & 0x3F)} : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static byte[] malformed(String text, Random r) {
        String broken = switch (r.nextInt(12)) {
            case 0 -> text.substring(0, text.length() / 2);
            case 1 -> "[".repeat(100_000);
            case 2 -> "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
            case 3 -> text + text;
            case 4 -> "/* comment */" + text;
            case 5 -> text.replaceFirst(":", "::");
            case 6 -> "{\"reason\":\"a\",\"reason\":\"b\",\"text\":\"a\",\"text\":\"b\"}";
            case 7 -> "";
            case 8 -> "{'reason': 'single quotes'}";
            case 9 -> "{\"reason\": NaN, \"workingDays\": Infinity}";
            case 10 -> "\"just a string\"";
            default -> text.replace("\"", "");
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    /** The body in another encoding, and the Content-Type sent with it (sometimes a lie). */
    private static Object[] encode(String text, Random r) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(9)) {
            case 0 -> new Object[] {text.getBytes(StandardCharsets.UTF_16BE), "application/json"};
            case 1 -> new Object[] {text.getBytes(StandardCharsets.UTF_16), "application/json; charset=UTF-16"};
            case 2 -> new Object[] {text.getBytes(StandardCharsets.UTF_16LE), "application/json; charset=UTF-16LE"};
            case 3 -> new Object[] {text.getBytes(Charset.forName("GB18030")), "application/json"};
            case 4 -> new Object[] {latin1(text), "application/json; charset=ISO-8859-1"};
            case 5 -> new Object[] {insert(utf8, new byte[] {(byte) 0xC3, 0x28}, r), "application/json"};
            case 6 -> new Object[] {insert(utf8, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, r),
                "application/json"};
            case 7 -> new Object[] {insert(utf8, new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xFF}, r),
                "application/json"};
            default -> new Object[] {concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8),
                "application/json"};
        };
    }

    private static byte[] latin1(String text) {
        return text.replace("测试文本", "caf\u00e9 na\u00efve").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes inserted inside the first string value (after the first {@code :"}), or at the start. */
    private static byte[] insert(byte[] body, byte[] bytes, Random r) {
        int at = 0;
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == ':' && body[i + 1] == '"') {
                at = i + 2;
                break;
            }
        }
        byte[] out = new byte[body.length + bytes.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(body, at, out, at + bytes.length, body.length - at);
        return out;
    }

    private static byte[] oversized(String text, Random r) {
        int size = 1_100_000 + r.nextInt(200_000);
        String filler = "长".repeat(size / 3);
        String big = text.startsWith("{") && text.length() > 2
                ? "{\"reason\":\"" + filler + "\"," + text.substring(1) : "\"" + filler + "\"";
        return big.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunked(byte[] body) {
        String head = Integer.toHexString(body.length) + "\r\n";
        return concat(concat(head.getBytes(StandardCharsets.US_ASCII), body),
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    // --- judging -----------------------------------------------------------------------------------------------------

    /** What is wrong with the reply, or null. */
    private String judge(Endpoint endpoint, Sent sent, RawHttp.Reply reply) {
        int status = reply.status();
        boolean open311 = sent.head().substring(sent.head().indexOf(' ') + 1).startsWith("/open311/");
        if (status >= 500) {
            if (status == 503 && reply.text().contains("SEARCH_UNAVAILABLE")) {
                return null; // no Elasticsearch in the in-process tests
            }
            return "a server error";
        }
        if (status < 400 || sent.head().startsWith("HEAD ")) {
            return null;
        }
        if (open311 && !reply.contentType().startsWith("application/problem+json")) {
            String text = reply.text();
            if (reply.contentType().contains("xml")) {
                return text.contains("<errors>") && text.contains("<code>") && text.contains("<description>") ? null
                        : "not an Open311 error document";
            }
            try {
                JsonNode errors = json.readTree(text);
                return errors.isArray() && errors.size() > 0 && errors.get(0).hasNonNull("code")
                        && errors.get(0).hasNonNull("description") ? null : "not an Open311 error list";
            } catch (Exception e) {
                return "not an Open311 error list";
            }
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "not a problem detail (Content-Type " + reply.contentType() + ")";
        }
        try {
            JsonNode problem = json.readTree(reply.body());
            String code = problem.path("code").asText("");
            if (problem.path("status").asInt() != status || problem.path("title").asText("").isEmpty()) {
                return "a problem detail without its status or title";
            }
            boolean stable = Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(code))
                    || GENERIC_CODES.contains(code) || code.matches("HTTP_4\\d\\d");
            return stable ? null : "a problem detail without a stable code: '" + code + "'";
        } catch (Exception e) {
            return "a problem detail that is not JSON";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    // --- the stores --------------------------------------------------------------------------------------------------

    /** How many rejections in a row are checked against the read models' contents at once. */
    static final int CONTENT_EVERY = 25;

    /**
     * Counts and heads of the JDBC stores (checked after every rejection), with {@code contents} also the count and a
     * hash of every read-model collection's documents (checked every {@value #CONTENT_EVERY} rejections: the read
     * models change only through the projections, which follow the events).
     */
    private String fingerprint(boolean contents) {
        Map<String, Object> row = jdbc.queryForMap("SELECT"
                + " (SELECT COUNT(*) FROM DomainEventEntry) events,"
                + " (SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry) head,"
                + " (SELECT COUNT(*) FROM SnapshotEventEntry) snapshots,"
                + " (SELECT COUNT(*) FROM case_directory) directory,"
                + " (SELECT COUNT(*) FROM open_case_deadline) deadlines,"
                + " (SELECT COUNT(*) FROM applicant_data_key) data_keys,"
                + " (SELECT COUNT(*) FROM applicant_kek_generation) keks,"
                + " (SELECT COUNT(*) FROM import_record) imports,"
                + " (SELECT COUNT(*) FROM DeadLetterEntry) dead_letters,"
                + " (SELECT COUNT(*) FROM ledger_checkpoint) checkpoints,"
                + " (SELECT COUNT(*) FROM ledger_signing_key) ledger_keys,"
                + " (SELECT COUNT(*) FROM staff_user) users,"
                + " (SELECT COUNT(*) FROM open311_api_key) api_keys,"
                + " (SELECT COUNT(*) FROM open311_api_key WHERE revoked_at IS NOT NULL) revoked,"
                + " (SELECT COUNT(*) FROM idempotency_key) idempotency");
        StringBuilder print = new StringBuilder(row.toString());
        if (!contents) {
            return print.toString();
        }
        for (String collection : new TreeSet<>(mongo.getCollectionNames())) {
            int hash = 0;
            int n = 0;
            for (org.bson.Document d : mongo.getCollection(collection).find()) {
                hash = 31 * hash + d.toJson().hashCode();
                n++;
            }
            print.append(' ').append(collection).append('=').append(n).append('/').append(Integer.toHexString(hash));
        }
        return print.toString();
    }

    /** A rejection whose only change is its reply stored under a well-formed Idempotency-Key. */
    private static boolean storedForIdempotencyKey(Sent sent, RawHttp.Reply reply, String before, String after) {
        boolean keyed = sent.head().contains("\r\nIdempotency-Key: ");
        return keyed && reply.status() < 500 && before.replaceAll("IDEMPOTENCY=\\d+", "")
                .equals(after.replaceAll("IDEMPOTENCY=\\d+", ""));
    }

    /** Waits until every tracking processor has handled the store's head (bounded). */
    private void quiesce() {
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry", Long.class);
        await("processors at the head " + head).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> processing.eventProcessors().values().stream()
                        .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast)
                        .allMatch(p -> p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()
                                && s.getCurrentPosition().orElse(-1) >= head)
                                && !p.processingStatus().isEmpty()));
    }
}
