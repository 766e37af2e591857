package org.weimin.ops.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.weimin.ops.store.StoreServer;

/**
 * The {@code store} mode of the packaged application ({@code java -jar weimin.jar store ...}) as a child process: the
 * shared H2 server and MongoDB wire-protocol server for several {@link AppProcess} nodes, on two ports chosen once,
 * so that a restart after {@link #kill9()} comes back at the same address. Ready when it prints
 * {@link StoreServer#READY}.
 */
final class StoreProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path workDir;
    private final int h2Port = AppProcess.freePort();
    private final int mongoPort = AppProcess.freePort();
    private Process process;
    private Path log;
    private int launches;

    private StoreProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.workDir = AppProcess.freshDir("store-process");
    }

    /** Starts the store over {@code dataDir} and waits until it listens. */
    static StoreProcess start(Path dataDir) {
        StoreProcess store = new StoreProcess(dataDir);
        store.start();
        return store;
    }

    /** (Re)starts it on the same ports; waits for the ready line (60 s at most). */
    synchronized void start() {
        launches++;
        log = workDir.resolve("store-" + launches + ".log");
        List<String> command = new ArrayList<>(AppProcess.javaCommand());
        command.addAll(List.of("store", "--data-dir=" + dataDir, "--host=127.0.0.1", "--h2-port=" + h2Port,
                "--mongo-port=" + mongoPort, "--pid-file=" + workDir.resolve("store.pid")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LANG", "C.UTF-8");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppProcess.track(process);
        Process launched = process;
        await("store ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!launched.isAlive()) {
                throw new IllegalStateException("the store exited: " + logText());
            }
            return logText().contains(StoreServer.READY);
        });
    }

    /** The node setting, {@code host:h2Port:mongoPort}. */
    String address() {
        return "127.0.0.1:" + h2Port + ":" + mongoPort;
    }

    /** The JDBC URL of the shared event database, for reading it directly. */
    String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/events";
    }

    Path pidFile() {
        return workDir.resolve("store.pid");
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}; waits until it is gone. */
    synchronized void kill9() {
        process.destroyForcibly();
        AppProcess.waitFor(process, Duration.ofSeconds(20));
        AppProcess.forget(process);
    }

    /** SIGTERM (the clean stop); true when it ended on its own within 30 s. */
    synchronized boolean stop() {
        return process == null || !process.isAlive() || AppProcess.terminate(process, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }
}
