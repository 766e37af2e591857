package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.events.privacy.Masking;

/**
 * The same jar on stores named in configuration instead of the embedded ones: an H2 server over TCP for events (and
 * keys, tokens, the case directory) and a MongoDB wire-protocol server for read models, both started in this test
 * JVM on free loopback ports. A receipt made through the API lands in those servers (checked directly over JDBC and
 * the MongoDB driver), it reads back through the API, and the data directory holds no embedded store file.
 */
class ExternalStoresIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theApplicationUsesTheConfiguredH2ServerAndMongoDb() throws Exception {
        Path h2Dir = AppProcess.freshDir("external-h2");
        EventStoreFile.preload();
        Path data = AppProcess.freshDir("external-data");
        int h2Port = AppProcess.freePort();
        Server h2 = Server.createTcpServer("-tcp", "-tcpPort", String.valueOf(h2Port), "-ifNotExists",
                "-baseDir", h2Dir.toString()).start();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        try {
            mongo.bind("127.0.0.1", AppProcess.freePort());
            int mongoPort = mongo.getLocalAddress().getPort();
            String jdbcUrl = "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/weimin";
            String mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/weimin";

            String caseId;
            String name = "司马外存";
            try (AppProcess app = AppProcess.start("external", data,
                    "--spring.datasource.url=" + jdbcUrl + ";WRITE_DELAY=0",
                    "--spring.data.mongodb.uri=" + mongoUri)) {
                Api api = new Api(app::baseUrl);
                Api.Session staff = api.session("jjd-window", "demo-window");
                Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody(name));
                assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
                caseId = receipt.text("/caseId");
                String trackingNumber = receipt.text("/trackingNumber");

                await("case readable through the API").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                            Api.Reply view = staff.getUnchecked("/api/cases/" + caseId);
                            assertThat(view.status()).as("staff view %s", view).isEqualTo(200);
                            assertThat(view.text("/applicant/name")).isEqualTo(Masking.name(name));
                            assertThat(view.text("/trackingNumber")).isEqualTo(trackingNumber);
                        });
                Api.Reply publicView = api.get("/api/public/cases/" + trackingNumber, null);
                assertThat(publicView.status()).as("public view %s", publicView).isEqualTo(200);

                // The event is in the H2 server's event store (read while the application runs: a server allows it).
                try (EventStoreFile store = EventStoreFile.open(jdbcUrl, null)) {
                    List<Map<String, Object>> events = store.jdbc().queryForList(
                            "SELECT payloadType, sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                            caseId);
                    assertThat(events).hasSize(1);
                    assertThat(events.get(0).get("PAYLOADTYPE")).isEqualTo(EventStoreFile.CASE_RECEIVED);
                    assertThat(((Number) events.get(0).get("SEQUENCENUMBER")).longValue()).isZero();
                    assertThat(store.jdbc().queryForObject(
                            "SELECT COUNT(*) FROM case_directory WHERE case_id = ?", Long.class, caseId)).isEqualTo(1);
                    assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM applicant_data_key", Long.class))
                            .isEqualTo(1);
                }
                // The case document is in the MongoDB server's weimin.cases collection.
                try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                    Document view = client.getDatabase("weimin").getCollection("cases")
                            .find(Filters.eq("_id", caseId)).first();
                    assertThat(view).as("document %s in weimin.cases", caseId).isNotNull();
                    assertThat(view.getString("trackingNumber")).isEqualTo(trackingNumber);
                    assertThat(view.toJson()).contains(Masking.name(name)).doesNotContain(name);
                }
                assertThat(app.stop()).isTrue();
            }
            // No embedded store was opened in the data directory (only the generated master key lives there).
            assertThat(data.resolve("events.mv.db")).doesNotExist();
            assertThat(data.resolve("readmodels.mv.db")).doesNotExist();
            try (var files = Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("events.mv.db",
                        "readmodels.mv.db", "events.trace.db");
            }
            assertThat(h2Dir.resolve("weimin.mv.db")).exists();
        } finally {
            mongo.shutdownNow();
            h2.stop();
        }
    }
}
