package org.weimin.ops.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.bson.Document;
import org.weimin.ops.store.CommittingH2Backend;

/**
 * The raw insert rate of read-model-sized documents through the MongoDB driver into a separate, temporary embedded
 * mongo-java-server with the project's {@link CommittingH2Backend} (the embedded default's read-model store, which
 * commits after every write). One {@code insertOne} per document, acknowledged; {@code threads} writers over one
 * client. The ceiling of one write per event per processing group.
 */
public final class ReadModelBaseline {
    /** Document size when the load did not measure a staff view (bytes of its JSON). */
    public static final int DEFAULT_DOCUMENT_BYTES = 3_000;

    private ReadModelBaseline() {
    }

    /**
     * Inserts for {@code duration} with {@code threads} writers.
     *
     * @return {@code threads}, {@code documents}, {@code seconds}, {@code perSecond}, {@code p50Ms}/{@code p99Ms} per
     *         insert, {@code documentBytes}
     */
    public static Map<String, Object> run(Path workDir, Duration duration, int threads, int documentBytes)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "readmodel-baseline-");
        MongoServer server = new MongoServer(CommittingH2Backend.open(dir.resolve("readmodel.mv")));
        try {
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                MongoCollection<Document> cases = client.getDatabase("bench").getCollection("caseView");
                String text = new String(AppendBaseline.filler(Math.max(16, documentBytes - 200), "{"),
                        java.nio.charset.StandardCharsets.US_ASCII);
                AtomicLong inserted = new AtomicLong();
                ConcurrentHistogram latencies = new ConcurrentHistogram(60_000_000L, 3);
                long end = System.nanoTime() + duration.toNanos();
                double seconds = Writers.run(threads, "readmodel-baseline", () -> {
                    while (System.nanoTime() < end) {
                        Document doc = new Document("_id", UUID.randomUUID().toString())
                                .append("trackingNumber", "WM-BENCH-" + inserted.get())
                                .append("status", "COMPLETED").append("holder", "SFQ-MZJ")
                                .append("sequence", 6L).append("body", text);
                        long t0 = System.nanoTime();
                        cases.insertOne(doc);
                        latencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        inserted.incrementAndGet();
                    }
                }, e -> new IOException("read-model baseline failed", e));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("threads", threads);
                result.put("documents", inserted.get());
                result.put("seconds", Latencies.round(seconds));
                result.put("perSecond", Latencies.round(inserted.get() / seconds));
                result.put("insertP50Ms", Latencies.ms(latencies, 50));
                result.put("insertP99Ms", Latencies.ms(latencies, 99));
                result.put("documentBytes", documentBytes);
                return result;
            }
        } finally {
            server.shutdownNow();
            AppendBaseline.deleteRecursively(dir);
        }
    }
}
