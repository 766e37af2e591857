package org.weimin.ops.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;

/**
 * {@code java -jar weimin.jar store [--data-dir=./data] [--host=127.0.0.1] [--h2-port=9092] [--mongo-port=27018]
 * [--pid-file=<data-dir>/store.pid]}: the embedded stores as a process of their own, so that several service nodes
 * share them (issue 8 "Several nodes"; README "Running on more than one machine"). Without Spring:
 * <ul>
 *   <li>H2 in TCP server mode over {@code <data-dir>/events.mv.db}, the same event, token, timer and key database the
 *       embedded default opens (so a data directory can move from one mode to the other); clients must put
 *       {@code ;WRITE_DELAY=0} on their URL (stack-notes: it is per connection), which {@code weimin.store.address}
 *       does for them ({@link StoreAddress});</li>
 *   <li>mongo-java-server over {@code <data-dir>/readmodels.mv.db} with {@link CommittingH2Backend}, as embedded.</li>
 * </ul>
 * Prints the node setting ({@code --weimin.store.address=host:h2Port:mongoPort}) and the two addresses, writes the
 * pid file, and stops cleanly on SIGTERM ({@code kill <pid>}, {@code ops/bin/weimin store-stop}): the MongoDB server
 * commits and closes its file, the H2 server closes the database, the pid file is removed. A host other than a
 * loopback address lets other machines connect (H2's {@code -tcpAllowOthers}); the stores have no authentication of
 * their own beyond H2's user, so keep them on a private network.
 */
public final class StoreServer {
    /** The line printed once both servers listen; tests and scripts wait for it. */
    public static final String READY = "Store ready:";

    private StoreServer() {
    }

    /** Entry point of the {@code store} mode; exits 2 on a bad option. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dataDir = Path.of(options.getOrDefault("data-dir", "./data")).toAbsolutePath().normalize();
        String host = options.getOrDefault("host", "127.0.0.1");
        int h2Port = Integer.parseInt(options.getOrDefault("h2-port", "9092"));
        int mongoPort = Integer.parseInt(options.getOrDefault("mongo-port", "27018"));
        Path pidFile = Path.of(options.getOrDefault("pid-file", dataDir.resolve("store.pid").toString()));
        Files.createDirectories(dataDir);

        createEventDatabase(dataDir);
        boolean loopback = InetAddress.getByName(host).isLoopbackAddress();
        Server h2 = Server.createTcpServer(loopback
                ? new String[] {"-tcp", "-tcpPort", String.valueOf(h2Port), "-baseDir", dataDir.toString()}
                : new String[] {"-tcp", "-tcpPort", String.valueOf(h2Port), "-baseDir", dataDir.toString(),
                        "-tcpAllowOthers"}).start();
        MongoServer mongo = new MongoServer(CommittingH2Backend.open(dataDir.resolve("readmodels.mv.db")));
        mongo.bind(host, mongoPort);
        int boundMongo = mongo.getLocalAddress().getPort();
        int boundH2 = h2.getPort();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Store stopping");
            mongo.shutdown();
            h2.stop();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the next start overwrites it
            }
            stopped.countDown();
        }, "store-stop"));
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);

        String address = StoreAddress.format(host, boundH2, boundMongo);
        System.out.println("Events, tokens, timers, keys: H2 server " + StoreAddress.jdbcUrl(host, boundH2)
                + " over " + dataDir.resolve("events.mv.db"));
        System.out.println("Read models: MongoDB wire protocol " + StoreAddress.mongoUri(host, boundMongo)
                + " over " + dataDir.resolve("readmodels.mv.db"));
        System.out.println("Pid file: " + pidFile + " (stop: kill " + ProcessHandle.current().pid() + ")");
        System.out.println(READY + " start each service node with --weimin.store.address=" + address
                + " and the same master key and ledger key (README \"Running on more than one machine\")");
        System.out.flush();
        stopped.await();
    }

    /** Creates the event database file if it does not exist (the server itself refuses to create databases). */
    static void createEventDatabase(Path dataDir) throws SQLException {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir.resolve("events") + ";WRITE_DELAY=0", "sa", "")) {
            // opening creates it; closing releases the file for the server
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !java.util.Set.of("data-dir", "host", "h2-port", "mongo-port", "pid-file")
                    .contains(name)) {
                System.err.println("unknown option " + arg + "; usage: store [--data-dir=DIR] [--host=HOST] "
                        + "[--h2-port=PORT] [--mongo-port=PORT] [--pid-file=FILE]");
                System.exit(2);
            }
            options.put(name, arg.substring(eq + 1));
        }
        return options;
    }
}
