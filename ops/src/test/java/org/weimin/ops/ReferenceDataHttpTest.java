package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.command.reference.LiveReferenceData;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.reference.ReferenceFilesDeployed;
import org.weimin.ops.reference.ReferenceDataConfiguration;
import org.weimin.ops.reference.ReferenceDataConfiguration.ShippedFiles;
import org.weimin.ops.reference.ReferenceFilesDeployment;

/**
 * Reference data as events over HTTP (issue 7), clock fixed at Mon 2026-11-30 10:00 Beijing. The first start records
 * the shipped files once; an administrator adds a window and a service item and a case is received there right away;
 * closing them stops new cases while the old case still reads; non-administrators get 403 and bad input a problem
 * detail, with nothing recorded; the history names who changed what. Then the start-up steps run again on the same
 * store: the replay gives the same model, unchanged files record nothing, changed files record exactly their
 * difference and keep an administrator's earlier change to another entry.
 *
 * <p>Its own application context: the changes alter the running application's reference data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReferenceDataHttpTest extends HttpTestSupport {
    private static final String UNITS = "/api/admin/reference/org-units";
    private static final String ITEMS = "/api/admin/reference/service-items";
    private static final String HISTORY = "/api/admin/reference/history";
    private static final String NEW_WINDOW = "JJD-ZX-W10";
    private static final String NEW_ITEM = "MZ-006";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path deploymentDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveReferenceData live;
    @Autowired
    EventStore events;
    @Autowired
    ReferenceFilesDeployment deployment;
    @Autowired
    ShippedFiles shipped;

    @Test
    void administratorsChangeReferenceDataAsEventsThatOutliveRestartsAndRedeployments() throws Exception {
        String admin = token("admin", "demo-admin");
        String window = token("jjd-window", "demo-window");
        String supervisor = token("sfq-supervisor", "demo-supervisor");

        // The first start recorded the shipped files once, whole.
        assertThat(recorded()).isEqualTo(1);
        JsonNode seed = ok(get(HISTORY, admin)).get(0);
        assertThat(seed.get("type").asText()).isEqualTo("ReferenceFilesDeployed");
        assertThat(seed.at("/actor/kind").asText()).isEqualTo("SYSTEM");
        assertThat(seed.at("/change/units")).hasSize(shipped.units().size());
        assertThat(ok(get(UNITS, admin)).get("revision").asLong()).isZero();

        // Not an administrator: 403, nothing recorded.
        Map<String, Object> newWindow = Map.of("id", NEW_WINDOW, "name", "甲街道政务服务中心10号窗口", "kind", "WINDOW",
                "parent", "JJD-ZX");
        Map<String, Object> newItem = Map.of("code", NEW_ITEM, "name", "困难群众临时生活补助", "department", "SFQ-MZJ",
                "limitWorkingDays", 3, "materials", List.of(Map.of("code", "M01", "name", "居民身份证")));
        assertProblem(post(UNITS, window, newWindow), 403, "FORBIDDEN");
        assertProblem(post(ITEMS, supervisor, newItem), 403, "FORBIDDEN");
        assertProblem(get(UNITS, window), 403, "FORBIDDEN");
        // Bad input: a problem detail with a stable code, nothing recorded.
        assertProblem(post(UNITS, admin, Map.of("id", NEW_WINDOW, "name", "x", "kind", "WINDOW", "parent", "NOPE")),
                400, "UNKNOWN_ORG_UNIT");
        assertProblem(post(UNITS, admin, Map.of("id", "JJD-ZX-W01", "name", "x", "kind", "WINDOW", "parent",
                "JJD-ZX")), 400, "REFERENCE_ALREADY_EXISTS");
        assertProblem(post(UNITS, admin, Map.of("id", "bad id!", "name", "x", "kind", "WINDOW", "parent", "JJD-ZX")),
                400, "VALIDATION_FAILED");
        assertProblem(post(UNITS + "/JJD", admin, Map.of("parent", "JJD-ZX-W01")), 400, "ORG_TREE_CYCLE");
        assertProblem(post(UNITS + "/JJD-ZX/deactivate", admin, Map.of("reason", "撤并")), 400, "REFERENCE_IN_USE");
        assertProblem(post(ITEMS, admin, withEntry(newItem, "department", "JJD-ZX")), 400,
                "NOT_AN_ACTIVE_LINE_DEPARTMENT");
        assertProblem(post(ITEMS, admin, withEntry(newItem, "limitWorkingDays", 0)), 400, "VALIDATION_FAILED");
        assertProblem(post(ITEMS + "/NOPE/deactivate", admin, Map.of("reason", "x")), 400, "UNKNOWN_SERVICE_ITEM");
        assertThat(recorded()).as("nothing recorded for refused changes").isEqualTo(1);

        // A new window and a new item take a case at once.
        JsonNode added = ok(post(UNITS, admin, newWindow));
        assertThat(added.get("revision").asLong()).isEqualTo(1);
        assertThat(added.at("/unit/active").asBoolean()).isTrue();
        assertThat(ok(post(ITEMS, admin, newItem)).at("/item/limitWorkingDays").asInt()).isEqualTo(3);
        JsonNode receipt = ok(post("/api/cases", window, receiveAt(NEW_WINDOW, NEW_ITEM)));
        String caseId = receipt.get("caseId").asText();
        // Mon 11-30 + 3 working days (12-01, 12-02, 12-03) → end of Thu 2026-12-03 Beijing.
        assertThat(receipt.get("deadline").asText()).isEqualTo("2026-12-03T16:00:00Z");

        // Closed: no new cases there; the old case still reads as it was recorded.
        ok(post(UNITS + "/" + NEW_WINDOW + "/deactivate", admin, Map.of("reason", "窗口撤并")));
        ok(post(ITEMS + "/" + NEW_ITEM + "/deactivate", admin, Map.of("reason", "并入MZ-002")));
        assertProblem(post("/api/cases", window, receiveAt(NEW_WINDOW, "MZ-002")), 400, "INACTIVE_REFERENCE");
        assertProblem(post("/api/cases", window, receiveAt("JJD-ZX-W01", NEW_ITEM)), 400, "INACTIVE_REFERENCE");
        assertProblem(post(UNITS + "/" + NEW_WINDOW + "/deactivate", admin, Map.of("reason", "again")), 409,
                "REFERENCE_STATE_UNCHANGED");
        JsonNode old = staffView(caseId, window, 0);
        assertThat(old.at("/serviceItem/code").asText()).isEqualTo(NEW_ITEM);
        assertThat(old.at("/serviceItem/name").asText()).isEqualTo("困难群众临时生活补助");
        assertThat(old.at("/window/code").asText()).isEqualTo(NEW_WINDOW);
        assertThat(old.get("deadline").asText()).as("as recorded").isEqualTo("2026-12-03T16:00:00Z");

        // An administrator renames a unit the files also list (kept across the redeployment below).
        ok(post(UNITS + "/JJD-QZ-W01", admin, Map.of("name", "甲街道群众工作中心综合窗口")));
        JsonNode history = ok(get(HISTORY, admin));
        assertThat(history.findValuesAsText("type")).containsExactly("ReferenceFilesDeployed", "OrgUnitAdded",
                "ServiceItemAdded", "OrgUnitDeactivated", "ServiceItemDeactivated", "OrgUnitChanged");
        assertThat(history.get(1).at("/actor/id").asText()).isEqualTo("admin");
        assertThat(history.get(1).at("/change/unit").asText()).isEqualTo(NEW_WINDOW);
        assertThat(history.get(4).at("/change/reason").asText()).isEqualTo("并入MZ-002");
        long revision = ok(get(ITEMS, admin)).get("revision").asLong();
        assertThat(revision).isEqualTo(5);

        // A restart: the replay of the recorded stream gives the model in force.
        assertThat(replayedFromStore()).isEqualTo(live.model());
        // The unchanged files again: nothing recorded.
        assertThat(deployment.deploy(shipped)).isEqualTo(revision);
        assertThat(recorded()).isEqualTo(6);

        // Changed files: one unit renamed, one added, one item's limit changed → exactly that difference.
        ShippedFiles changed = changedFiles();
        assertThat(deployment.deploy(changed)).isEqualTo(revision + 1);
        assertThat(recorded()).isEqualTo(7);
        ReferenceFilesDeployed diff = (ReferenceFilesDeployed) events.readEvents("reference-data", 6).asStream()
                .findFirst().orElseThrow().getPayload();
        assertThat(diff.units()).extracting(u -> u.id().value()).containsExactly("JJD-ZX-W02", "JJD-ZX-W11");
        assertThat(diff.items()).extracting(i -> i.code().value()).containsExactly("MZ-001");
        assertThat(diff.withdrawnUnits()).isEmpty();
        assertThat(diff.withdrawnItems()).isEmpty();
        assertThat(diff.actor().id()).isEqualTo("deployment");
        assertThat(live.orgTree().require(UnitId.of("JJD-ZX-W02")).name()).isEqualTo("甲街道政务服务中心二号窗口");
        assertThat(live.orgTree().require(UnitId.of("JJD-QZ-W01")).name()).as("the administrator's rename stays")
                .isEqualTo("甲街道群众工作中心综合窗口");
        assertThat(live.orgTree().require(UnitId.of(NEW_WINDOW)).active()).as("run-time additions stay as they are")
                .isFalse();
        assertThat(live.catalogue().require(ServiceItemCode.of("MZ-001")).limitWorkingDays()).isEqualTo(15);
        assertThat(ok(post("/api/cases", window, receiveAt("JJD-ZX-W11", "MZ-002"))).has("caseId")).isTrue();
        // The same changed files at the next start: nothing; and the replay still matches.
        assertThat(deployment.deploy(changedFiles())).isEqualTo(revision + 1);
        assertThat(replayedFromStore()).isEqualTo(live.model());
    }

    private long recorded() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                "reference-data");
    }

    private org.weimin.events.reference.ReferenceModel replayedFromStore() {
        LiveReferenceData restarted = new LiveReferenceData(ReferenceDataConfiguration.seedModel(shipped));
        ReferenceDataConfiguration.replayInto(restarted, events);
        return restarted.model();
    }

    /** The shipped files with JJD-ZX-W02 renamed, JJD-ZX-W11 added and MZ-001's limit at 15 working days. */
    private ShippedFiles changedFiles() throws Exception {
        ArrayNode units = (ArrayNode) json.readTree(new ClassPathResource("reference/org-units.json").getInputStream());
        List<JsonNode> list = new ArrayList<>();
        units.forEach(list::add);
        for (JsonNode unit : list) {
            if (unit.get("id").asText().equals("JJD-ZX-W02")) {
                ((ObjectNode) unit).put("name", "甲街道政务服务中心二号窗口");
            }
        }
        units.addObject().put("id", "JJD-ZX-W11").put("name", "甲街道政务服务中心11号窗口").put("kind", "WINDOW")
                .put("parent", "JJD-ZX");
        ArrayNode items = (ArrayNode) json.readTree(
                new ClassPathResource("reference/service-items.json").getInputStream());
        items.forEach(item -> {
            if (item.get("code").asText().equals("MZ-001")) {
                ((ObjectNode) item).put("limitWorkingDays", 15);
            }
        });
        Path unitsFile = deploymentDir.resolve("org-units.json");
        Path itemsFile = deploymentDir.resolve("service-items.json");
        Files.writeString(unitsFile, json.writeValueAsString(units));
        Files.writeString(itemsFile, json.writeValueAsString(items));
        return ReferenceDataConfiguration.read(new FileSystemResource(unitsFile),
                new ClassPathResource("reference/imported-org-units.json"), new FileSystemResource(itemsFile), json);
    }

    private static Map<String, Object> receiveAt(String window, String serviceItem) {
        return withEntry(receiveBody(serviceItem), "window", window);
    }

    private static Map<String, Object> withEntry(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
