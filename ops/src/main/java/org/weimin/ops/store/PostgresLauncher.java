package org.weimin.ops.store;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.weimin.ops.search.Distribution;
import org.weimin.ops.search.ElasticsearchLauncher;
import org.weimin.ops.search.InstanceLayout;
import org.weimin.ops.search.LauncherOptions;
import org.weimin.ops.search.Processes;

/**
 * Creates, starts, stops and drops a throwaway PostgreSQL cluster (Debian's binaries under
 * {@code /usr/lib/postgresql/<version>/bin}, the highest version found, or {@code --pg-bin} / {@code WEIMIN_PG_BIN}),
 * one per checkout and purpose (e.g. {@code test} for the build's integration tests, {@code app} for a developer's
 * {@code ops/bin/weimin pg-start}) in {@code <base>/<hash of the checkout>-<purpose>} (base {@code /var/tmp/weimin-pg}),
 * never the system cluster on port 5432 (stack-notes, "Other pieces"). A plain main class, JDK only, so the build runs
 * it from {@code target/classes} ({@code ops/pom.xml}, pre- and post-integration-test).
 *
 * <ul>
 *   <li>{@code start <purpose>}: reuses a running cluster of this checkout and purpose unless {@code --fresh}; otherwise
 *   stops and deletes any leftover, runs {@code initdb} (trust authentication, UTF-8, {@code C.UTF-8}), starts it with
 *   {@code pg_ctl start -w} on a free loopback port (its socket in the cluster's own directory; {@code pg_ctl} detaches
 *   the server into a session of its own, so it outlives this launcher and the app JVMs tests kill), and creates the
 *   role {@code weimin} (LOGIN, CREATEDB) and its database {@code weimin}. PostgreSQL refuses to run as root: as root
 *   the directory is given to the {@code postgres} user and every command runs through
 *   {@code setpriv --reuid --regid --init-groups}. Prints the JDBC URL; with {@code --properties-out=FILE} adds
 *   {@code weimin.test.postgres.url} (the database {@code weimin}), {@code weimin.test.postgres.user} ({@code weimin})
 *   and {@code weimin.test.postgres.admin-user} ({@code postgres}, the superuser) to that properties file (for
 *   Failsafe). Exit 1 when it cannot start (the server log's tail on standard error).</li>
 *   <li>{@code stop <purpose>}: {@code pg_ctl stop -m fast} (then immediate), and deletes the cluster's directory.</li>
 *   <li>{@code status <purpose>}: {@code running <url>} (exit 0) or {@code not running} (exit 3).</li>
 * </ul>
 *
 * No PostgreSQL installed: with {@code CI=true} in the environment a start fails (exit 1); otherwise it prints why,
 * writes no property, and exits 0, and the PostgreSQL tests skip themselves. {@code --skip=a,b,...} (any {@code true})
 * does nothing (the build passes {@code skipTests}, {@code skipITs}, {@code maven.test.skip});
 * {@code --external=jdbc:postgresql://...} starts nothing and publishes that URL.
 */
public final class PostgresLauncher {
    /** Where clusters live unless {@code --base-dir} or {@code WEIMIN_PG_BASE_DIR} says otherwise. */
    public static final Path DEFAULT_BASE_DIR = Path.of("/var/tmp/weimin-pg");
    static final String APP_ROLE = "weimin";
    static final String SUPERUSER = "postgres";
    static final String USAGE = """
            usage: PostgresLauncher start|stop|status <purpose> [--checkout=DIR] [--base-dir=/var/tmp/weimin-pg]
                     [--pg-bin=/usr/lib/postgresql/15/bin] [--fresh] [--timeout=60] [--properties-out=FILE]
                     [--skip=true|false,...] [--external=jdbc:postgresql://host:port/db]""";
    private static final List<String> OPTIONS = List.of("checkout", "base-dir", "pg-bin", "fresh", "timeout",
            "properties-out", "skip", "external");
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final Map<String, String> options;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    PostgresLauncher(Path dir, Map<String, String> options, Map<String, String> env, PrintStream out,
            PrintStream err) {
        this.dir = dir;
        this.options = options;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 done, 1 failed, 2 bad arguments, 3 status: not running). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (!OPTIONS.contains(name)) {
                    err.println("[weimin-pg] unknown option " + arg + "\n" + USAGE);
                    return 2;
                }
                options.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 2 || !List.of("start", "stop", "status").contains(positional.get(0))) {
            err.println(USAGE);
            return 2;
        }
        Path base = Path.of(LauncherOptions.firstSet(options.get("base-dir"), env.get("WEIMIN_PG_BASE_DIR"),
                DEFAULT_BASE_DIR.toString()));
        Path checkout = Path.of(options.getOrDefault("checkout", System.getProperty("user.dir", ".")));
        Path dir;
        try {
            dir = InstanceLayout.of(base, checkout, positional.get(1)).dir();
        } catch (IllegalArgumentException e) {
            err.println("[weimin-pg] " + e.getMessage());
            return 2;
        }
        PostgresLauncher launcher = new PostgresLauncher(dir, options, env, out, err);
        try {
            return switch (positional.get(0)) {
                case "start" -> launcher.start();
                case "stop" -> launcher.stop();
                default -> launcher.status();
            };
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            err.println("[weimin-pg] " + positional.get(0) + " failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("[weimin-pg] interrupted");
            return 1;
        }
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    int start() throws IOException, InterruptedException {
        if (LauncherOptions.anyTrue(options.getOrDefault("skip", ""))) {
            log("tests are skipped: PostgreSQL not started");
            return 0;
        }
        String external = external();
        if (!external.isBlank()) {
            log("using the external PostgreSQL at " + external + " (nothing started)");
            publish(external);
            return 0;
        }
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            String why = "no PostgreSQL binaries (initdb, pg_ctl, psql) under /usr/lib/postgresql/<version>/bin "
                    + "(apt-get install -y postgresql; or --pg-bin=DIR / WEIMIN_PG_BIN)";
            if ("true".equalsIgnoreCase(env.get("CI"))) {
                err.println("[weimin-pg] " + why + ": required under CI=true");
                return 1;
            }
            log(why + ": the PostgreSQL integration tests will be skipped");
            return 0;
        }
        Optional<Integer> running = runningPort(bin.get());
        if (running.isPresent() && !options.containsKey("fresh")) {
            log("reusing the running cluster " + dir + " on port " + running.get());
            publish(url(running.get()));
            return 0;
        }
        drop(bin.get());
        long deadline = System.nanoTime() + timeout().toNanos();
        ElasticsearchLauncher.ensureBaseDir(dir.getParent());
        Files.createDirectories(dir);
        Owner owner = owner();
        owner.chown(dir);
        long t0 = System.nanoTime();
        Result init = owner.run(dir.resolve("initdb.log"), timeout(), bin.get().resolve("initdb").toString(),
                "-D", dataDir().toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                "--no-sync");
        if (!init.ok()) {
            err.println("[weimin-pg] initdb failed:\n" + init.output());
            return 1;
        }
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            long left = Math.max(5, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            Result started = owner.run(dir.resolve("pg_ctl.log"), Duration.ofSeconds(left + 10),
                    bin.get().resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-l", serverLog().toString(),
                    "-w", "-t", Long.toString(left), "-o", "-p " + port + " -k " + dir
                            + " -c listen_addresses=127.0.0.1 -c max_connections=100", "start");
            if (started.ok()) {
                Files.writeString(dir.resolve("port"), Integer.toString(port), StandardCharsets.UTF_8);
                Result setup = psql(bin.get(), port, "CREATE ROLE " + APP_ROLE + " LOGIN CREATEDB",
                        "CREATE DATABASE " + APP_ROLE + " OWNER " + APP_ROLE);
                if (!setup.ok()) {
                    err.println("[weimin-pg] creating the role and database failed:\n" + setup.output());
                    drop(bin.get());
                    return 1;
                }
                log(String.format(Locale.ROOT, "PostgreSQL (%s) is up at %s after %.1f s (cluster %s, log %s)",
                        bin.get().getParent().getFileName(), url(port), (System.nanoTime() - t0) / 1e9, dir,
                        serverLog()));
                publish(url(port));
                return 0;
            }
            String log = tail(serverLog(), 20);
            owner.run(dir.resolve("pg_ctl.log"), Duration.ofSeconds(30), bin.get().resolve("pg_ctl").toString(),
                    "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
            if (log.contains("already in use") && attempt < START_ATTEMPTS && System.nanoTime() < deadline) {
                log("port " + port + " taken meanwhile; trying another");
                continue;
            }
            err.println("[weimin-pg] PostgreSQL did not start:\n" + started.output() + "\n" + log);
            return 1;
        }
        return 1;
    }

    int stop() throws IOException, InterruptedException {
        if (LauncherOptions.anyTrue(options.getOrDefault("skip", ""))
                || !external().isBlank()) {
            log("nothing to stop");
            return 0;
        }
        if (!Files.isDirectory(dir)) {
            out.println("not running");
            return 0;
        }
        Optional<Path> bin = binaries();
        boolean wasRunning = bin.isPresent() && runningPort(bin.get()).isPresent();
        drop(bin.orElse(null));
        out.println(wasRunning ? "stopped" : "not running");
        return 0;
    }

    int status() throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        Optional<Integer> port = bin.isPresent() ? runningPort(bin.get()) : Optional.empty();
        out.println(port.map(p -> "running " + url(p)).orElse("not running"));
        return port.isPresent() ? 0 : 3;
    }

    // ---- pieces ------------------------------------------------------------------------------------------------

    /** {@code --external}, unless blank or a Maven property that is not set ({@code ${...}}). */
    private String external() {
        String value = options.getOrDefault("external", "");
        return value.contains("${") ? "" : value;
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path serverLog() {
        return dir.resolve("server.log");
    }

    private Duration timeout() {
        return Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "60")));
    }

    static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + APP_ROLE;
    }

    /** The bin directory: {@code --pg-bin}, {@code WEIMIN_PG_BIN}, or the highest version under /usr/lib/postgresql. */
    Optional<Path> binaries() throws IOException {
        String given = LauncherOptions.firstSet(options.get("pg-bin"), env.get("WEIMIN_PG_BIN"));
        if (given != null) {
            return Optional.of(Path.of(given)).filter(PostgresLauncher::complete);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString()))
                            .reversed())
                    .map(v -> v.resolve("bin")).filter(PostgresLauncher::complete).findFirst();
        }
    }

    private static boolean complete(Path bin) {
        return Stream.of("initdb", "pg_ctl", "psql").allMatch(b -> Files.isExecutable(bin.resolve(b)));
    }

    /** The port of this cluster's server when {@code pg_ctl status} says it runs. */
    private Optional<Integer> runningPort(Path bin) throws IOException, InterruptedException {
        Path portFile = dir.resolve("port");
        if (!Files.isRegularFile(dataDir().resolve("postmaster.pid")) || !Files.isRegularFile(portFile)) {
            return Optional.empty();
        }
        Result status = owner().run(dir.resolve("pg_ctl.log"), Duration.ofSeconds(20),
                bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "status");
        if (!status.ok()) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).strip()));
    }

    /** Stops a leftover server of this cluster (fast, then immediate) and deletes its directory. */
    private void drop(Path bin) throws IOException, InterruptedException {
        if (bin != null && Files.isRegularFile(dataDir().resolve("postmaster.pid"))) {
            Owner owner = owner();
            Result fast = owner.run(dir.resolve("pg_ctl.log"), Duration.ofSeconds(40),
                    bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "30",
                    "stop");
            if (!fast.ok()) {
                owner.run(dir.resolve("pg_ctl.log"), Duration.ofSeconds(40), bin.resolve("pg_ctl").toString(),
                        "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
            }
            log("stopped the cluster " + dir);
        }
        Distribution.deleteRecursively(dir);
    }

    private Result psql(Path bin, int port, String... statements) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", SUPERUSER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q"));
        for (String s : statements) {
            cmd.add("-c");
            cmd.add(s);
        }
        return owner().run(dir.resolve("psql.log"), timeout(), cmd.toArray(String[]::new));
    }

    private void publish(String url) throws IOException {
        Optional<Path> file = Optional.ofNullable(options.get("properties-out")).filter(f -> !f.isBlank())
                .map(Path::of);
        if (file.isPresent()) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("weimin.test.postgres.url", url);
            properties.put("weimin.test.postgres.user", APP_ROLE);
            properties.put("weimin.test.postgres.admin-user", SUPERUSER);
            InstanceLayout.addProperties(file.get(), properties);
        }
        out.println(url);
        out.flush();
    }

    private void log(String message) {
        err.println("[weimin-pg] " + message);
        err.flush();
    }

    /** Who runs the PostgreSQL commands: ourselves, or (as root) the {@code postgres} user through setpriv. */
    private Owner owner() throws IOException {
        if (Processes.currentUid() != 0) {
            return new Owner(null, null);
        }
        for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(SUPERUSER)) {
                return new Owner(f[2], f[3]);
            }
        }
        throw new IllegalStateException("running as root, but there is no user '" + SUPERUSER + "' to run "
                + "PostgreSQL as (PostgreSQL refuses root; Debian's package creates that user)");
    }

    private record Owner(String uid, String gid) {
        void chown(Path path) throws IOException, InterruptedException {
            if (uid != null) {
                Result r = exec(path.resolveSibling(path.getFileName() + ".chown.log"), Duration.ofSeconds(30),
                        List.of("chown", "-R", uid + ":" + gid, path.toString()));
                Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".chown.log"));
                if (!r.ok()) {
                    throw new IllegalStateException("chown of " + path + " failed: " + r.output());
                }
            }
        }

        Result run(Path log, Duration timeout, String... command) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>();
            if (uid != null) {
                full.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups"));
            }
            full.addAll(Arrays.asList(command));
            return exec(log, timeout, full);
        }
    }

    private record Result(boolean ok, String output) {
    }

    /** Runs a command with its output in a file (never a pipe: a daemon that inherits it would hold it open). */
    private static Result exec(Path log, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        Files.createFile(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.directory(log.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.remove("PGDATA");
        Process p = builder.start();
        boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new Result(ended && p.exitValue() == 0, output.strip());
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server log at " + file + ")";
        }
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port != 5432) {
                    return port;
                }
            }
        }
        throw new IOException("no free loopback port");
    }
}
