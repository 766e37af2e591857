package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Elasticsearch of a test's own (its own purpose, so that killing it disturbs no other test), run through the
 * project's launcher in-process from the build's distribution ({@code ops/target/elasticsearch}).
 */
public final class OwnElasticsearch {
    private static final Path CHECKOUT = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()));

    /**
     * A bound on the wait for cluster health (the launcher's default is 120 s): on a 2-core machine shared with other
     * builds a start after a kill -9 (with recovery of its indices) has taken longer.
     */
    private static final String START_TIMEOUT = "--timeout=300";

    private final String purpose;

    public OwnElasticsearch(String purpose) {
        this.purpose = purpose;
    }

    /** Starts a fresh instance (empty data); returns its URL. */
    public String startFresh() {
        String url = launcher("start", "--fresh", START_TIMEOUT);
        assertThat(url).startsWith("http://127.0.0.1:");
        return url;
    }

    /** Starts it again on its data (after {@link #kill()}); returns its URL. */
    public String restart() {
        return launcher("start", START_TIMEOUT);
    }

    public void stop() {
        launcher("stop");
    }

    /** {@code kill -9} of the Elasticsearch process; waits until it is gone. */
    public void kill() {
        InstanceLayout layout = InstanceLayout.of(LauncherOptions.DEFAULT_BASE_DIR, CHECKOUT, purpose);
        long pid = InstanceLayout.readPid(layout.pidFile()).orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        await("Elasticsearch process gone").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** Runs the project's launcher in-process; returns what it printed (the URL for start). */
    private String launcher(String command, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(command, purpose, "--checkout=" + CHECKOUT,
                "--zip=" + CHECKOUT.resolve("ops/target/elasticsearch")));
        args.addAll(List.of(more));
        int code = ElasticsearchLauncher.run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("launcher %s: %s", command, err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
