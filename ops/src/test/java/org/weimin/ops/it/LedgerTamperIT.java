package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.ops.ledger.VerifyCli;

/**
 * The tamper-evident ledger end to end (issue 7): cases are created through the API of the packaged application, a
 * checkpoint is signed on demand, the application is stopped and the event table is edited directly over JDBC (the H2
 * file; on PostgreSQL its database, {@link PostgresLedgerTamperIT}), one kind of
 * tampering per case: a payload byte edited, an event deleted, a forged event inserted, two events' sequence numbers
 * swapped, a timestamp changed. The command-line {@code verify} (the jar, reading the stopped store) and, after a
 * restart, {@code GET /api/audit/cases/{id}/verify} both report each case's first broken link, and a clean case
 * verifies. A case's last event deleted below the checkpoint's head is caught by the checkpoint (whole-store
 * verification), while the last event of a case appended after the last checkpoint can be deleted unnoticed: the
 * documented blind spot, asserted here to document it.
 */
class LedgerTamperIT {
    private static final List<String> CASES = List.of("clean", "payload", "delete", "insert", "reorder", "timestamp",
            "tailBeforeCheckpoint", "tailAfterCheckpoint");

    /** The store the application runs on: the embedded H2 file in its data directory. */
    protected StoreUnderTest store(Path data) {
        return StoreUnderTest.h2(data);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyKindOfDirectEditIsReportedAtItsFirstBrokenLink() throws Exception {
        Path data = AppProcess.freshDir("ledger-data");
        EventStoreFile.preload();
        StoreUnderTest storeUnderTest = store(data);
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("--weimin.search.enabled=false",
                "--weimin.ledger.checkpoint-interval=PT0S"));
        args.addAll(storeUnderTest.appArgs());
        try (AppProcess app = AppProcess.start("ledger", data, args.toArray(String[]::new))) {
            Api api = new Api(app::baseUrl);
            Api.Session staff = api.session("jjd-window", "demo-window");
            Api.Session auditor = api.session("auditor", "demo-auditor");
            Api.Session admin = api.session("admin", "demo-admin");
            for (String name : CASES) {
                Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody("柯" + ids.size() + "账"));
                assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
                String id = receipt.text("/caseId");
                ids.put(name, id);
                for (int i = 0; i < 2; i++) {
                    Api.Reply notice = staff.post("/api/cases/" + id + "/progress-notices",
                            Map.of("channel", "PHONE", "text", "进度告知 " + i));
                    assertThat(notice.status()).as("notice %s", notice).isEqualTo(200);
                }
            }
            JsonNode clean = auditor.get("/api/audit/cases/" + ids.get("clean") + "/verify").json();
            assertThat(clean.path("verified").asBoolean()).as("%s", clean).isTrue();
            assertThat(clean.path("events").asLong()).isEqualTo(3);
            assertThat(clean.path("hashedEvents").asLong()).isEqualTo(3);
            assertThat(clean.path("firstBrokenLink").isNull()).isTrue();
            assertThat(clean.path("checkpoint").isNull()).isTrue();
            assertThat(staff.getUnchecked("/api/audit/cases/" + ids.get("clean") + "/verify").status())
                    .as("window staff may not verify").isEqualTo(403);

            Api.Reply checkpoint = admin.post("/api/admin/ledger/checkpoints", Map.of());
            assertThat(checkpoint.status()).as("%s", checkpoint).isEqualTo(201);
            // Three events per case, plus the reference data's seed (the shipped files, recorded at the first start).
            assertThat(checkpoint.json().path("eventCount").asLong()).isEqualTo(3L * CASES.size() + 1);
            assertThat(checkpoint.json().path("signatureValid").asBoolean()).isTrue();
            // One more event on the last case, after the checkpoint: its deletion will go unnoticed.
            assertThat(staff.post("/api/cases/" + ids.get("tailAfterCheckpoint") + "/progress-notices",
                    Map.of("channel", "SMS", "text", "检查点之后")).status()).isEqualTo(200);
            JsonNode inScope = api.session("sfq-supervisor", "demo-supervisor")
                    .get("/api/audit/cases/" + ids.get("clean") + "/verify").json();
            assertThat(inScope.path("checkpoint").path("eventsCovered").asLong()).as("%s", inScope).isEqualTo(3);
            assertThat(Files.exists(data.resolve("secrets/ledger-signing.pub"))).isTrue();
            assertThat(app.stop()).isTrue();

            tamper(storeUnderTest, ids);

            CliRun all = verifyCli(data, storeUnderTest.verifyArgs().toArray(String[]::new));
            assertThat(all.exitCode()).as(all.output()).isEqualTo(1);
            Map<String, Long> expected = Map.of("payload", 1L, "delete", 1L, "insert", 3L, "reorder", 1L,
                    "timestamp", 2L);
            for (String name : CASES) {
                String id = ids.get(name);
                if (expected.containsKey(name)) {
                    assertThat(all.output()).as(name).contains("BROKEN " + id + " sequence=" + expected.get(name));
                } else {
                    assertThat(all.output()).as(name).doesNotContain("BROKEN " + id);
                }
            }
            assertThat(all.output()).contains("CHECKPOINT MISMATCH").contains("5 broken cases");
            // One case at a time, in this JVM (the same entry point the jar dispatches to; saves two JVM starts).
            assertThat(verifyInThisJvm(data, storeUnderTest, ids.get("clean"))).isZero();
            assertThat(verifyInThisJvm(data, storeUnderTest, ids.get("delete"))).isEqualTo(1);
            assertThat(verifyInThisJvm(data, storeUnderTest, ids.get("tailAfterCheckpoint"))).as("the blind spot")
                    .isZero();

            app.start();
            for (String name : CASES) {
                JsonNode report = auditor.get("/api/audit/cases/" + ids.get(name) + "/verify").json();
                if (expected.containsKey(name)) {
                    assertThat(report.path("verified").asBoolean()).as("%s: %s", name, report).isFalse();
                    assertThat(report.path("firstBrokenLink").path("sequence").asLong()).as(name)
                            .isEqualTo(expected.get(name));
                    assertThat(report.path("firstBrokenLink").path("globalIndex").asLong()).isPositive();
                    assertThat(report.path("firstBrokenLink").path("reason").asText()).isNotBlank();
                } else {
                    assertThat(report.path("verified").asBoolean()).as("%s: %s", name, report).isTrue();
                }
            }
            JsonNode store = auditor.get("/api/audit/ledger/verify").json();
            assertThat(store.path("verified").asBoolean()).as("%s", store).isFalse();
            assertThat(store.path("brokenCases").asLong()).isEqualTo(5);
            assertThat(store.path("latestCheckpointMismatch").asText()).contains("counted " + (3 * CASES.size() + 1));
            assertThat(app.stop()).isTrue();
        }
    }

    private static int verifyInThisJvm(Path data, StoreUnderTest store, String caseId) {
        List<String> args = new ArrayList<>(List.of("--data-dir=" + data, "--case=" + caseId));
        args.addAll(store.verifyArgs());
        return VerifyCli.run(args.toArray(String[]::new), System.out, System.err);
    }

    /** Direct edits of the stopped store's event table, one kind per case. */
    private static void tamper(StoreUnderTest store, Map<String, String> ids) {
        try (EventStoreFile file = store.open()) {
            JdbcTemplate jdbc = file.jdbc();
            String where = " WHERE aggregateIdentifier = ? AND sequenceNumber = ?";
            byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry" + where, byte[].class,
                    ids.get("payload"), 1);
            String text = new String(payload, StandardCharsets.UTF_8);
            assertThat(text).contains("PHONE");
            jdbc.update("UPDATE DomainEventEntry SET payload = ?" + where,
                    text.replace("PHONE", "PHONF").getBytes(StandardCharsets.UTF_8), ids.get("payload"), 1);
            assertThat(jdbc.update("DELETE FROM DomainEventEntry" + where, ids.get("delete"), 1)).isEqualTo(1);
            assertThat(jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, "
                    + "type, timeStamp, payloadType, payloadRevision, payload, metaData) SELECT 'forged-event', "
                    + "aggregateIdentifier, 3, type, timeStamp, payloadType, payloadRevision, payload, metaData "
                    + "FROM DomainEventEntry" + where, ids.get("insert"), 2)).isEqualTo(1);
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = 99" + where, ids.get("reorder"), 1);
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = 1" + where, ids.get("reorder"), 2);
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = 2" + where, ids.get("reorder"), 99);
            String stamp = jdbc.queryForObject("SELECT timeStamp FROM DomainEventEntry" + where, String.class,
                    ids.get("timestamp"), 2);
            jdbc.update("UPDATE DomainEventEntry SET timeStamp = ?" + where,
                    java.time.Instant.parse(stamp).minusSeconds(3600).toString(), ids.get("timestamp"), 2);
            assertThat(jdbc.update("DELETE FROM DomainEventEntry" + where, ids.get("tailBeforeCheckpoint"), 2))
                    .isEqualTo(1);
            assertThat(jdbc.update("DELETE FROM DomainEventEntry" + where, ids.get("tailAfterCheckpoint"), 3))
                    .isEqualTo(1);
        }
    }

    private record CliRun(int exitCode, String output) {
    }

    /** {@code java -jar weimin.jar verify --data-dir=<data> ...}, as an operator runs it. */
    private static CliRun verifyCli(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dfile.encoding=UTF-8", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("weimin.app.jar"), "verify", "--data-dir=" + data));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(AppProcess.workRoot(), "verify-", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("verify did not finish: " + Files.readString(out));
        }
        return new CliRun(p.exitValue(), Files.readString(out));
    }
}
