package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 7 over real HTTP. The matrix: every role × every staff command and query endpoint × in scope / out of scope.
 * A denied combination answers 403 and appends nothing to the event store (its head is unchanged); an allowed one
 * answers anything but 403 (often a 409 or 404 about the case's state, or 503 for search without Elasticsearch:
 * the access checks let it through). The endpoint list comes from Spring's request mappings, so a new endpoint
 * without a row here fails {@link #everyEndpointHasARowAndEveryRowAnEndpoint}.
 *
 * <p>Callers (tokens minted with the service's own encoder): handling staff of 甲街道政务服务中心 {@code JJD-ZX} (the
 * case's holder) in scope, of 乙街道 {@code YJD-ZX} out of scope; a supervisor of 甲街道 {@code JJD} in scope, of 乙街道
 * {@code YJD} out; auditor and administrator of the city in scope, of {@code YJD} out (an auditor reads everything
 * either way). Each combination meets a case freshly received at {@code JJD-ZX-W01} (a new one after any command that
 * succeeded), with the clock fixed at Mon 2026-11-30 10:00 Beijing time.
 *
 * <p>User administration (same application context, to keep the suite fast): accounts created, re-roled, disabled
 * and reset by an administrator, each change an event without any password or hash, logins following the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
    }

    static final Set<String> STAFF = Set.of("window-staff", "unit-head", "line-department-handler");
    static final Set<String> RECEIVERS = Set.of("window-staff", "unit-head");
    static final Set<String> SUPERVISOR = Set.of("supervisor");
    static final Set<String> EXTENSION_DECIDERS = Set.of("supervisor", "unit-head");
    static final Set<String> READERS = Set.of("window-staff", "unit-head", "line-department-handler", "supervisor",
            "auditor");
    static final Set<String> OVERSEERS = Set.of("supervisor", "auditor");
    static final Set<String> ADMIN = Set.of("administrator");
    static final Set<String> IMPORTER = Set.of("importer");
    static final List<String> ROLES = List.of("window-staff", "unit-head", "line-department-handler", "supervisor",
            "auditor", "administrator", "importer");

    /**
     * One endpoint: who may call it, whether it has an out-of-scope variant (a case, a unit or a window of someone
     * else), and the request. {@code {id}} stands for the case; {@code outOfScopeQuery} replaces {@code query} out of
     * scope.
     */
    record Row(String mapping, Set<String> roles, boolean scoped, String path, Object body, String query,
               String outOfScopeQuery) {
        static Row command(String mapping, Set<String> roles, String path, Object body) {
            return new Row(mapping, roles, true, path, body, "", "");
        }

        static Row read(String mapping, Set<String> roles, boolean scoped, String path, String query,
                        String outOfScopeQuery) {
            return new Row(mapping, roles, scoped, path, null, query, outOfScopeQuery);
        }

        HttpMethod method() {
            return HttpMethod.valueOf(mapping.substring(0, mapping.indexOf(' ')));
        }
    }

    static final Map<String, String> REASON = Map.of("reason", "矩阵测试");
    static final Map<String, String> TEXT = Map.of("text", "矩阵测试");
    static final String FIGURES = "?dimension=unit&unit=JJD&granularity=month&period=2026-11";
    static final String EXPLAIN = "?figure=received&dimension=unit&unit=JJD&granularity=month&period=2026-11";

    static final List<Row> ROWS = List.of(
            new Row("POST /api/cases", RECEIVERS, true, "/api/cases", receiveBody("MZ-002"), "", ""),
            Row.command("POST /api/cases/{caseId}/forward", STAFF, "/api/cases/{id}/forward",
                    Map.of("targetUnit", "SFQ-MZJ", "reason", "转办")),
            Row.command("POST /api/cases/{caseId}/acceptance", STAFF, "/api/cases/{id}/acceptance", null),
            Row.command("POST /api/cases/{caseId}/return", STAFF, "/api/cases/{id}/return", REASON),
            Row.command("POST /api/cases/{caseId}/missing-materials-notices", STAFF,
                    "/api/cases/{id}/missing-materials-notices",
                    Map.of("materials", List.of(), "otherItems", List.of("户口簿复印件"), "channel", "SMS")),
            Row.command("POST /api/cases/{caseId}/supplement", STAFF, "/api/cases/{id}/supplement",
                    Map.of("materials", List.of(), "otherItems", List.of("户口簿复印件"))),
            Row.command("POST /api/cases/{caseId}/breaches/{noticeNumber}/justification", SUPERVISOR,
                    "/api/cases/{id}/breaches/1/justification", REASON),
            Row.command("POST /api/cases/{caseId}/progress-notices", STAFF, "/api/cases/{id}/progress-notices",
                    Map.of("channel", "PHONE", "text", "正在办理")),
            Row.command("POST /api/cases/{caseId}/result-notices", STAFF, "/api/cases/{id}/result-notices",
                    Map.of("channel", "PHONE", "text", "已办结")),
            Row.command("POST /api/cases/{caseId}/completion", STAFF, "/api/cases/{id}/completion",
                    Map.of("result", "GRANTED", "resultText", "已发放")),
            Row.command("POST /api/cases/{caseId}/reopen", SUPERVISOR, "/api/cases/{id}/reopen", REASON),
            Row.command("POST /api/cases/{caseId}/extension-requests", STAFF, "/api/cases/{id}/extension-requests",
                    Map.of("workingDays", 3, "reason", "需现场核查")),
            Row.command("POST /api/cases/{caseId}/extension-requests/{number}/approval", EXTENSION_DECIDERS,
                    "/api/cases/{id}/extension-requests/1/approval", null),
            Row.command("POST /api/cases/{caseId}/extension-requests/{number}/refusal", EXTENSION_DECIDERS,
                    "/api/cases/{id}/extension-requests/1/refusal", REASON),
            Row.command("POST /api/cases/{caseId}/supervision-orders", SUPERVISOR,
                    "/api/cases/{id}/supervision-orders", Map.of("text", "请加快办理", "dueDate", "2026-12-10")),
            Row.command("POST /api/cases/{caseId}/supervision-orders/{number}/answer", STAFF,
                    "/api/cases/{id}/supervision-orders/1/answer", TEXT),
            Row.command("POST /api/cases/{caseId}/urge", SUPERVISOR, "/api/cases/{id}/urge", TEXT),
            Row.command("POST /api/cases/{caseId}/findings", SUPERVISOR, "/api/cases/{id}/findings",
                    Map.of("againstUnit", "JJD-ZX", "reason", "逾期")),
            Row.command("POST /api/cases/{caseId}/rectification/{step}", STAFF,
                    "/api/cases/{id}/rectification/verification", TEXT),
            // Supervisors in the matrix sit above the holder, never in it: out of the unmasked view's scope.
            Row.command("POST /api/cases/{caseId}/personal-data/views", Set.of("window-staff", "unit-head",
                    "line-department-handler", "auditor"), "/api/cases/{id}/personal-data/views",
                    Map.of("reason", "矩阵测试核对")),
            // No such case: the administrator gets 404 and nothing is erased.
            new Row("POST /api/admin/applicants/erasure", ADMIN, false, "/api/admin/applicants/erasure",
                    Map.of("caseId", "00000000-0000-4000-8000-000000000000", "basis", "矩阵测试依据"), "", ""),
            Row.read("GET /api/cases/{caseId}", READERS, true, "/api/cases/{id}", "", ""),
            Row.read("GET /api/supervision/cases/{caseId}", READERS, true, "/api/supervision/cases/{id}",
                    "?asOf=2026-11-30T02:00:00Z", "?asOf=2026-11-30T02:00:00Z"),
            Row.read("GET /api/supervision/cases/{caseId}/trail", OVERSEERS, true, "/api/supervision/cases/{id}/trail",
                    "", ""),
            Row.read("GET /api/audit/cases/{caseId}/verify", OVERSEERS, true, "/api/audit/cases/{id}/verify", "",
                    ""),
            Row.read("GET /api/audit/ledger/verify", Set.of("auditor"), false, "/api/audit/ledger/verify", "", ""),
            new Row("POST /api/admin/ledger/checkpoints", ADMIN, false, "/api/admin/ledger/checkpoints", null, "",
                    ""),
            Row.read("GET /api/cases/queue", STAFF, false, "/api/cases/queue", "", ""),
            Row.read("GET /api/supervision/cases/search", OVERSEERS, true, "/api/supervision/cases/search",
                    "?unit=JJD", "?unit=JJD-ZX"),
            Row.read("GET /api/supervision/cases/export.csv", OVERSEERS, true, "/api/supervision/cases/export.csv",
                    "?unit=JJD", "?unit=JJD-ZX"),
            Row.read("GET /api/supervision/cases/export.xlsx", OVERSEERS, true,
                    "/api/supervision/cases/export.xlsx", "?unit=JJD", "?unit=JJD-ZX"),
            Row.read("GET /api/supervision/figures", OVERSEERS, true, "/api/supervision/figures", FIGURES,
                    FIGURES.replace("unit=JJD", "unit=JJD-ZX")),
            Row.read("GET /api/supervision/figures/explain", OVERSEERS, true, "/api/supervision/figures/explain",
                    EXPLAIN, EXPLAIN.replace("unit=JJD", "unit=JJD-ZX")),
            Row.read("GET /api/supervision/queue", SUPERVISOR, false, "/api/supervision/queue", "", ""),
            Row.read("GET /api/admin/calendar", ADMIN, false, "/api/admin/calendar", "", ""),
            // A year out of range: the administrator gets 400 and the calendar stays as it is.
            new Row("POST /api/admin/calendar/years/{year}", ADMIN, false, "/api/admin/calendar/years/1999",
                    Map.of("notice", "无", "days", List.of()), "", ""),
            Row.read("GET /api/admin/projections", ADMIN, false, "/api/admin/projections", "", ""),
            // The consistency check: administrators and auditors (it reads everything and changes nothing).
            Row.read("GET /api/admin/consistency", Set.of("administrator", "auditor"), false,
                    "/api/admin/consistency", "?wait=0&limit=5", ""),
            // No such group: the administrator gets 404 and nothing is rebuilt or retried.
            Row.read("GET /api/admin/projections/{group}/dead-letters", ADMIN, false,
                    "/api/admin/projections/no-such-group/dead-letters", "", ""),
            new Row("POST /api/admin/projections/{group}/dead-letters/retry", ADMIN, false,
                    "/api/admin/projections/no-such-group/dead-letters/retry", null, "", ""),
            new Row("POST /api/admin/projections/{group}/rebuild", ADMIN, false,
                    "/api/admin/projections/no-such-group/rebuild", null, "", ""),
            Row.read("GET /api/admin/projections/{group}/rebuild", ADMIN, false,
                    "/api/admin/projections/no-such-group/rebuild", "", ""),
            // Users: an incomplete new account (400) or an unknown one (404) for the administrator; nothing changes.
            new Row("POST /api/admin/users", ADMIN, false, "/api/admin/users", Map.of("username", "x"), "", ""),
            Row.read("GET /api/admin/users", ADMIN, false, "/api/admin/users", "", ""),
            new Row("POST /api/admin/users/{username}/roles", ADMIN, false, "/api/admin/users/no-such-user/roles",
                    Map.of("roles", List.of("auditor")), "", ""),
            new Row("POST /api/admin/users/{username}/disable", ADMIN, false,
                    "/api/admin/users/no-such-user/disable", REASON, "", ""),
            new Row("POST /api/admin/users/{username}/enable", ADMIN, false, "/api/admin/users/no-such-user/enable",
                    null, "", ""),
            new Row("POST /api/admin/users/{username}/password", ADMIN, false,
                    "/api/admin/users/no-such-user/password", Map.of("password", "a-long-new-password"), "", ""),
            Row.read("GET /api/admin/users/{username}/history", ADMIN, false,
                    "/api/admin/users/no-such-user/history", "", ""),
            new Row("POST /api/admin/open311/keys", ADMIN, false, "/api/admin/open311/keys", Map.of("label", "x"), "",
                    ""),
            Row.read("GET /api/admin/open311/keys", ADMIN, false, "/api/admin/open311/keys", "", ""),
            new Row("POST /api/admin/open311/keys/{keyId}/revoke", ADMIN, false,
                    "/api/admin/open311/keys/k-000000000000/revoke", REASON, "", ""),
            // Key management: the administrator's calls succeed (a rotation each); see anAdministratorSeesTheKeys...
            Row.read("GET /api/admin/keys", ADMIN, false, "/api/admin/keys", "", ""),
            new Row("POST /api/admin/keys/applicant-kek/rotate", ADMIN, false, "/api/admin/keys/applicant-kek/rotate",
                    null, "", ""),
            new Row("POST /api/admin/keys/ledger-signing/rotate", ADMIN, false,
                    "/api/admin/keys/ledger-signing/rotate", null, "", ""),
            // Reference data: an incomplete entry (400) or an unknown one (400) for the administrator; nothing changes.
            Row.read("GET /api/admin/reference/org-units", ADMIN, false, "/api/admin/reference/org-units", "", ""),
            new Row("POST /api/admin/reference/org-units", ADMIN, false, "/api/admin/reference/org-units",
                    Map.of("id", "X"), "", ""),
            new Row("POST /api/admin/reference/org-units/{unit}", ADMIN, false,
                    "/api/admin/reference/org-units/NO-SUCH-UNIT", Map.of("name", "x"), "", ""),
            new Row("POST /api/admin/reference/org-units/{unit}/deactivate", ADMIN, false,
                    "/api/admin/reference/org-units/NO-SUCH-UNIT/deactivate", REASON, "", ""),
            new Row("POST /api/admin/reference/org-units/{unit}/reactivate", ADMIN, false,
                    "/api/admin/reference/org-units/NO-SUCH-UNIT/reactivate", null, "", ""),
            Row.read("GET /api/admin/reference/service-items", ADMIN, false, "/api/admin/reference/service-items", "",
                    ""),
            new Row("POST /api/admin/reference/service-items", ADMIN, false, "/api/admin/reference/service-items",
                    Map.of("code", "X"), "", ""),
            new Row("POST /api/admin/reference/service-items/{code}", ADMIN, false,
                    "/api/admin/reference/service-items/NO-SUCH-ITEM", Map.of("name", "x"), "", ""),
            new Row("POST /api/admin/reference/service-items/{code}/deactivate", ADMIN, false,
                    "/api/admin/reference/service-items/NO-SUCH-ITEM/deactivate", REASON, "", ""),
            new Row("POST /api/admin/reference/service-items/{code}/reactivate", ADMIN, false,
                    "/api/admin/reference/service-items/NO-SUCH-ITEM/reactivate", null, "", ""),
            Row.read("GET /api/admin/reference/history", ADMIN, false, "/api/admin/reference/history", "", ""),
            // An empty record: the importer gets 400 and nothing is imported.
            new Row("POST /api/import/cases", IMPORTER, false, "/api/import/cases", Map.of(), "", ""));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    private String caseId;
    /** Whether the staff view of {@link #caseId} exists yet (reads judge scope on it). */
    private boolean viewReady;

    /** Staff endpoints of the running service: every mapping under /api except the public and the login ones. */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> {
            if (pattern.startsWith("/api/") && !pattern.startsWith("/api/public/")
                    && !pattern.startsWith("/api/auth/")) {
                info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
            }
        }));
        return endpoints;
    }

    @Test
    void everyEndpointHasARowAndEveryRowAnEndpoint() {
        Set<String> rows = new TreeSet<>(ROWS.stream().map(Row::mapping).toList());
        assertThat(endpoints()).as("endpoints of the service vs rows of the matrix").isEqualTo(rows);
    }

    @Test
    void everyRoleOnEveryEndpointInAndOutOfScope() {
        List<String> wrong = new ArrayList<>();
        int denied = 0;
        int allowed = 0;
        for (Row row : ROWS) {
            for (String role : ROLES) {
                for (boolean inScope : new boolean[] {true, false}) {
                    boolean expected = row.roles().contains(role)
                            && (inScope || !row.scoped() || "auditor".equals(role));
                    if (caseId == null) {
                        caseId = freshCase();
                        viewReady = false;
                    }
                    if (!viewReady && row.method() == HttpMethod.GET && row.path().contains("{id}")) {
                        awaitView(caseId);
                        viewReady = true;
                    }
                    long head = head();
                    ResponseEntity<JsonNode> response = call(row, role, inScope);
                    int status = response.getStatusCode().value();
                    String combination = row.mapping() + " as " + role + (inScope ? " in scope" : " out of scope");
                    if (expected) {
                        allowed++;
                        if (status == 403 || status == 401) {
                            wrong.add(combination + ": expected allowed, got " + status + " " + response.getBody());
                        }
                        if (row.method() == HttpMethod.POST && response.getStatusCode().is2xxSuccessful()) {
                            caseId = null; // the case moved on: the next combination meets a fresh one
                        }
                    } else {
                        denied++;
                        if (status != 403) {
                            wrong.add(combination + ": expected 403, got " + status + " " + response.getBody());
                            caseId = null;
                        } else if (head() != head) {
                            wrong.add(combination + ": 403 but the event store moved from " + head + " to " + head());
                            caseId = null;
                        }
                    }
                }
            }
        }
        System.out.printf("access matrix: %d denied, %d allowed combinations%n", denied, allowed);
        assertThat(wrong).as("combinations answered wrongly").isEmpty();
        assertThat(denied).as("denied combinations").isGreaterThan(300);
        assertThat(allowed).as("allowed combinations").isGreaterThan(60);
    }

    // --- user administration ---------------------------------------------------------------------------------------

    @Test
    void anAdministratorCreatesAnAccountThatLogsInAndEveryChangeIsAnEventWithoutSecrets() {
        String admin = token("admin", "demo-admin");
        ResponseEntity<JsonNode> created = post("/api/admin/users", admin, Map.of("username", "yjd-window",
                "displayName", "乙街道窗口", "unit", "YJD-ZX", "roles", List.of("window-staff"),
                "password", "first-password-1"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        assertThat(created.getBody().toString()).doesNotContain("first-password-1", "bcrypt", "$2a$");
        assertProblem(post("/api/admin/users", admin, Map.of("username", "yjd-window", "displayName", "重复",
                "unit", "YJD-ZX", "roles", List.of("window-staff"), "password", "first-password-1")), 409,
                "USER_ALREADY_EXISTS");
        assertProblem(post("/api/admin/users", admin, Map.of("username", "bad-role", "displayName", "角色",
                "unit", "YJD-ZX", "roles", List.of("superuser"), "password", "first-password-1")), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/admin/users", admin, Map.of("username", "bad-unit", "displayName", "单位",
                "unit", "NO-SUCH", "roles", List.of("auditor"), "password", "first-password-1")), 400,
                "UNKNOWN_ORG_UNIT");
        String user = token("yjd-window", "first-password-1");
        assertThat(get("/api/cases/queue", user).getStatusCode().value()).isNotIn(401, 403);

        ok(post("/api/admin/users/yjd-window/roles", admin, Map.of("roles", List.of("window-staff", "unit-head"))));
        ok(post("/api/admin/users/yjd-window/password", admin, Map.of("password", "second-password-2")));
        assertProblem(post("/api/auth/token", null, Map.of("username", "yjd-window", "password",
                "first-password-1")), 401, "AUTHENTICATION_REQUIRED");
        token("yjd-window", "second-password-2");
        ok(post("/api/admin/users/yjd-window/disable", admin, Map.of("reason", "调离岗位")));
        assertProblem(post("/api/admin/users/yjd-window/disable", admin, Map.of("reason", "再次")), 409,
                "USER_STATE_UNCHANGED");
        assertProblem(post("/api/auth/token", null, Map.of("username", "yjd-window", "password",
                "second-password-2")), 401, "AUTHENTICATION_REQUIRED");
        ok(post("/api/admin/users/yjd-window/enable", admin, Map.of()));
        token("yjd-window", "second-password-2");

        JsonNode history = ok(get("/api/admin/users/yjd-window/history", admin));
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("UserCreated", "UserRolesChanged", "PasswordReset", "UserDisabled",
                "UserEnabled");
        assertThat(history.get(0).at("/payload/actor/id").asText()).isEqualTo("admin");
        assertThat(history.get(1).at("/payload/roles").toString()).isEqualTo("[\"unit-head\",\"window-staff\"]");
        String stored = String.join("\n", jdbc.queryForList("SELECT UTF8TOSTRING(payload) FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = 'user:yjd-window'", String.class));
        assertThat(stored).contains("yjd-window").doesNotContain("password-1", "password-2", "$2a$", "bcrypt");
    }

    @Test
    void aDemoAccountFromTheUsersFileGetsItsHistoryOnItsFirstChange() {
        String admin = token("admin", "demo-admin");
        assertThat(get("/api/admin/users/sfq-window/history", admin).getBody()).isEmpty();
        ok(post("/api/admin/users/sfq-window/roles", admin, Map.of("roles", List.of("window-staff", "unit-head"))));
        JsonNode history = ok(get("/api/admin/users/sfq-window/history", admin));
        assertThat(history.get(0).path("type").asText()).isEqualTo("UserCreated");
        assertThat(history.get(0).at("/payload/actor").toString()).contains("SYSTEM", "users-file");
        assertThat(history.get(1).path("type").asText()).isEqualTo("UserRolesChanged");
        assertProblem(post("/api/admin/users/admin/disable", admin, Map.of("reason", "自己")), 400,
                "VALIDATION_FAILED");
        JsonNode listed = ok(get("/api/admin/users", admin));
        assertThat(listed.toString()).contains("sfq-window", "unit-head").doesNotContain("$2a$", "bcrypt");
    }

    // --- key management --------------------------------------------------------------------------------------------

    @Test
    void anAdministratorSeesTheKeysAndRotatesThemWithoutAnySecretInAReply() throws Exception {
        String admin = token("admin", "demo-admin");
        freshCase(); // at least one applicant data key
        JsonNode before = ok(get("/api/admin/keys", admin));
        assertThat(before.at("/masterKey/source").asText()).isEqualTo("generated file");
        assertThat(before.at("/masterKey/fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(before.at("/applicantDataKeys/liveKeys").asLong()).isPositive();
        assertThat(before.at("/open311Keys/active").isNumber()).isTrue();

        JsonNode kek = ok(post("/api/admin/keys/applicant-kek/rotate", admin, Map.of()));
        assertThat(kek.path("complete").asBoolean()).isTrue();
        JsonNode ledgerKey = ok(post("/api/admin/keys/ledger-signing/rotate", admin, Map.of()));
        JsonNode after = ok(get("/api/admin/keys", admin));

        assertThat(after.at("/applicantDataKeys/generation").asInt())
                .isEqualTo(before.at("/applicantDataKeys/generation").asInt() + 1)
                .isEqualTo(kek.path("generation").asInt());
        assertThat(after.at("/applicantDataKeys/liveKeysUnderOlderGenerations").asLong()).isZero();
        JsonNode ledgerKeys = after.path("ledgerSigningKeys");
        assertThat(ledgerKeys.size()).isEqualTo(before.path("ledgerSigningKeys").size() + 1);
        assertThat(ledgerKeys.get(ledgerKeys.size() - 1).path("keyId").asText())
                .isEqualTo(ledgerKey.path("keyId").asText());
        assertThat(ledgerKeys.get(ledgerKeys.size() - 1).path("current").asBoolean()).isTrue();
        assertThat(ledgerKeys.get(ledgerKeys.size() - 2).path("retiredAt").isNull()).isFalse();
        assertThat(after.at("/masterKey/fingerprint").asText()).isEqualTo(before.at("/masterKey/fingerprint").asText());
        ok(post("/api/admin/ledger/checkpoints", admin, Map.of()));
        assertThat(ok(get("/api/audit/ledger/verify", mint("matrix-auditor", "SFS", "auditor")))
                .path("badSignatures").asLong()).isZero();

        String masterKey = java.nio.file.Files.readString(dataDir.resolve("secrets/master.key")).strip();
        String privateKey = java.nio.file.Files.readString(dataDir.resolve("secrets/ledger-signing.key"))
                .lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (JsonNode reply : List.of(before, kek, ledgerKey, after)) {
            assertThat(reply.toString()).doesNotContain(masterKey, privateKey, "PRIVATE");
        }
        List<String> recorded = jdbc.queryForList("SELECT UTF8TOSTRING(payload) FROM DomainEventEntry WHERE "
                + "payloadType = 'org.weimin.events.keys.KeyRotated' ORDER BY globalIndex", String.class);
        assertThat(recorded).anySatisfy(e -> assertThat(e).contains("\"applicant-kek\"",
                "\"g" + kek.path("generation").asInt() + "\"", "\"admin\""));
        assertThat(recorded).anySatisfy(e -> assertThat(e).contains("\"ledger-signing\"",
                ledgerKey.path("keyId").asText()));
        assertThat(String.join("\n", recorded)).doesNotContain(masterKey, privateKey,
                ledgerKey.path("publicKey").asText());
    }

    /** The global index of the newest event: any append moves it. */
    private long head() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry", Long.class);
        return head == null ? -1 : head;
    }

    /** Received at JJD-ZX-W01 by its own officer. */
    private String freshCase() {
        return ok(post("/api/cases", officer(), receiveBody("MZ-002"))).get("caseId").asText();
    }

    private String officer() {
        return mint("matrix-officer", "JJD-ZX", "window-staff");
    }

    /** Bounded wait until the staff view shows the case. */
    private void awaitView(String id) {
        String officer = officer();
        await("staff view of " + id).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/api/cases/" + id, officer).getStatusCode().value() == 200);
    }

    private ResponseEntity<JsonNode> call(Row row, String role, boolean inScope) {
        String token = mint(role + (inScope ? "-in" : "-out"), unitOf(role, inScope), role);
        String path = row.path().replace("{id}", caseId) + (inScope ? row.query() : row.outOfScopeQuery());
        if (row.method() == HttpMethod.GET) {
            return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(token)), JsonNode.class);
        }
        if (row.body() == null) {
            return http.exchange(path, HttpMethod.POST, new HttpEntity<>(headersWithoutBody(token)), JsonNode.class);
        }
        return post(path, token, row.body());
    }

    private org.springframework.http.HttpHeaders headersWithoutBody(String token) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    /**
     * The caller's unit. Out of scope, search and figures ask for a unit of 甲街道 ({@code JJD-ZX}) that the
     * supervisor of 乙街道 does not oversee.
     */
    private static String unitOf(String role, boolean inScope) {
        return switch (role) {
            case "supervisor" -> inScope ? "JJD" : "YJD";
            case "auditor", "administrator" -> inScope ? "SFS" : "YJD";
            default -> inScope ? "JJD-ZX" : "YJD-ZX";
        };
    }

    private String mint(String user, String unit, String role) {
        return mint(user, unit, role, clock.instant());
    }
}
