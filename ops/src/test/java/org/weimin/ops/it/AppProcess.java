package org.weimin.ops.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged application ({@code weimin.app.jar}, set by Failsafe) as a child JVM, the way an operator does:
 * on a free loopback port, with a given data directory and extra {@code --name=value} arguments, its output in a log
 * file under the test work directory ({@code weimin.test.work}). One instance can be started again after
 * {@link #kill9()} or {@link #stop()} (same data directory and arguments; the port may change, so always ask
 * {@link #baseUrl()}). Every launch gets its own log file ({@code app-1.log}, {@code app-2.log}, ...) in
 * {@code <work>/<name>-app-<random>}. Closing stops it; a shutdown hook kills whatever is left if the test JVM itself
 * ends early.
 *
 * <p>Start-up time: the jar is copied into the work directory (so a concurrent rebuild of
 * {@code ops/target/weimin.jar} cannot pull it from under a running child), extracted with Spring Boot's
 * {@code -Djarmode=tools extract}, and a class-data-sharing archive is recorded (a start that exits after the context
 * refresh, about 20 s), once per content of the jar: later runs with unchanged code reuse them. Launches then use the extracted jar with that archive: the same classes and configuration as
 * the fat jar, started about 2-3 times faster, which matters on 2 cores for the durability test's 20+ restarts. With
 * {@code -Dweimin.it.cds=false}, or if preparing the archive fails, the copied fat jar is launched directly.
 *
 * <p>Ready means {@code GET /actuator/health} answers 200 with status {@code UP} (the aggregate: database, read-model
 * store, readiness state), within {@link #START_TIMEOUT}; a child that exits meanwhile fails the start at once with the
 * tail of its log.
 */
public final class AppProcess implements AutoCloseable {
    /** The JVM options every launch uses. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-Duser.timezone=UTC",
            "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true");
    public static final String READY_PATH = "/actuator/health";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile Launcher launcher;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "app-process-reaper"));
    }

    private final String name;
    private final Path workDir;
    private final Path dataDir;
    private final List<String> extraArgs;
    private final String indexPrefix;
    private final HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile int port;
    private int launches;
    private Path currentLog;
    private boolean lastStopForced;

    private AppProcess(String name, Path dataDir, List<String> extraArgs) {
        this.name = name;
        this.indexPrefix = ("it-" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
                + Long.toString(System.nanoTime() & 0xffffffL, 36));
        this.workDir = freshDir(name + "-app");
        this.dataDir = dataDir.toAbsolutePath();
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Launches the application and waits until it is ready.
     *
     * @param name      a short name for this test's instance; its logs go to {@code <work>/<name>-app-<random>/app-N.log}
     * @param dataDir   {@code weimin.data-dir}
     * @param extraArgs further application arguments, e.g. {@code --spring.datasource.url=...}
     */
    public static AppProcess start(String name, Path dataDir, String... extraArgs) {
        AppProcess app = new AppProcess(name, dataDir, List.of(extraArgs));
        app.start();
        return app;
    }

    /** The test work directory ({@code weimin.test.work}, or {@code target/it-work} when run from an IDE). */
    public static Path workRoot() {
        return Path.of(System.getProperty("weimin.test.work", "target/it-work")).toAbsolutePath();
    }

    /**
     * A new, empty directory under the work directory, {@code <name>-<random>}: unique, so that a second test JVM in
     * the same checkout never shares or deletes it.
     */
    public static Path freshDir(String name) {
        try {
            Files.createDirectories(workRoot());
            return Files.createTempDirectory(workRoot(), name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago, on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the process on a free port with the same data directory and arguments; waits until ready. */
    public synchronized AppProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        // Up to two retries: the free port can be taken between choosing it and the child binding it.
        for (int attempt = 1; ; attempt++) {
            launch();
            try {
                awaitReady();
                return this;
            } catch (RuntimeException e) {
                boolean portTaken = !process.isAlive() && logTail(200).contains("already in use");
                if (portTaken && attempt < 3) {
                    continue;
                }
                kill9();
                throw new IllegalStateException("the application (" + name + ") did not become ready within "
                        + START_TIMEOUT.toSeconds() + " s; log " + currentLog + ":\n" + logTail(60), e);
            }
        }
    }

    private void launch() {
        port = freePort();
        launches++;
        currentLog = workDir.resolve("app-" + launches + ".log");
        List<String> command = new ArrayList<>();
        command.addAll(javaCommand());
        command.add("--server.port=" + port);
        command.add("--weimin.data-dir=" + dataDir);
        command.addAll(searchDefaults());
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(currentLog.toFile());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command, e);
        }
        LIVE.add(process);
    }

    /**
     * Unless the test sets them itself: the build's Elasticsearch ({@code weimin.test.elasticsearch.url}) and an index
     * prefix of this instance's own, so that every test's search index starts empty and no two tests share one; without
     * a test Elasticsearch the search projection is left out.
     */
    private List<String> searchDefaults() {
        List<String> defaults = new ArrayList<>();
        String url = System.getProperty("weimin.test.elasticsearch.url", "");
        if (extraArgs.stream().noneMatch(a -> a.startsWith("--spring.elasticsearch.uris="))) {
            if (url.isBlank()) {
                if (extraArgs.stream().noneMatch(a -> a.startsWith("--weimin.search.enabled="))) {
                    defaults.add("--weimin.search.enabled=false");
                }
                return defaults;
            }
            defaults.add("--spring.elasticsearch.uris=" + url);
        }
        if (extraArgs.stream().noneMatch(a -> a.startsWith("--weimin.search.index-prefix="))) {
            defaults.add("--weimin.search.index-prefix=" + indexPrefix);
        }
        return defaults;
    }

    private void awaitReady() {
        Process launched = process;
        await("application " + name + " ready on port " + port)
                .atMost(START_TIMEOUT)
                .pollDelay(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!launched.isAlive()) {
                        throw new IllegalStateException("the application exited with code " + launched.exitValue());
                    }
                    return ready();
                });
    }

    private boolean ready() {
        try {
            HttpResponse<String> response = probe.send(HttpRequest.newBuilder(URI.create(baseUrl() + READY_PATH))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(Api.JSON.readTree(response.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hooks, no graceful anything; waits until the process is gone. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(20));
        LIVE.remove(process);
    }

    /**
     * A normal stop (SIGTERM, so Spring's graceful shutdown runs); forced after {@link #STOP_TIMEOUT}.
     *
     * @return true when the process ended on its own, false when it had to be killed
     */
    public synchronized boolean stop() {
        if (process == null || !process.isAlive()) {
            lastStopForced = false;
            return true;
        }
        boolean ended = terminate(process, STOP_TIMEOUT);
        lastStopForced = !ended;
        return ended;
    }

    /**
     * SIGTERM, then {@code kill -9} if {@code child} has not ended within {@code timeout}; forgets it (see
     * {@link #track}).
     *
     * @return true when it ended on its own
     */
    static boolean terminate(Process child, Duration timeout) {
        child.destroy();
        boolean ended = waitFor(child, timeout);
        if (!ended) {
            child.destroyForcibly();
            waitFor(child, Duration.ofSeconds(20));
        }
        LIVE.remove(child);
        return ended;
    }

    /** Waits up to {@code timeout} for {@code child} to end; false when it still runs (or the wait was interrupted). */
    static boolean waitFor(Process child, Duration timeout) {
        try {
            return child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean waitForExit(Duration timeout) {
        return waitFor(process, timeout);
    }

    @Override
    public void close() {
        stop();
    }

    /** The search index prefix this instance uses unless the test gave one ({@code <prefix>-cases} is the alias). */
    public String indexPrefix() {
        return indexPrefix;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last process, or -1 while it runs. */
    public int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    public boolean lastStopForced() {
        return lastStopForced;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path currentLog() {
        return currentLog;
    }

    public Path workDir() {
        return workDir;
    }

    public int launches() {
        return launches;
    }

    /** The last lines of the current log (for failure messages). */
    public String logTail(int lines) {
        try {
            if (currentLog == null || !Files.exists(currentLog)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(currentLog, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * The command that runs the prepared jar ({@code java}, {@link #JVM_OPTIONS}, the jar and its class-data archive);
     * application arguments follow. Also used by {@link StoreProcess} for the {@code store} mode.
     */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(launcher().jvmArgs());
        return command;
    }

    /** Registers a child process to be killed if the test JVM ends early; {@link #forget} when it has ended. */
    static void track(Process child) {
        LIVE.add(child);
    }

    static void forget(Process child) {
        LIVE.remove(child);
    }

    // -----------------------------------------------------------------------------------------------------------

    private static Launcher launcher() {
        Launcher l = launcher;
        if (l == null) {
            synchronized (AppProcess.class) {
                l = launcher;
                if (l == null) {
                    l = Launcher.prepare();
                    launcher = l;
                }
            }
        }
        return l;
    }

    /** How to launch the app: the JVM arguments that name the jar (and the class-data archive when there is one). */
    private record Launcher(List<String> jvmArgs) {

        /**
         * Prepares {@code <work>/app-<size>-<mtime>/} once per build of the jar, under a file lock so that two test JVMs
         * (e.g. two {@code mvn verify} runs in the same checkout) never prepare or delete each other's copy.
         */
        static Launcher prepare() {
            Path source = Path.of(System.getProperty("weimin.app.jar", "target/weimin.jar")).toAbsolutePath();
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException("the packaged application " + source + " is missing; run the build "
                        + "through 'package' first (Failsafe sets weimin.app.jar)");
            }
            boolean cds = Boolean.parseBoolean(System.getProperty("weimin.it.cds", "true"));
            try {
                Files.createDirectories(workRoot());
                String stamp = contentStamp(source);
                Path dir = workRoot().resolve("app-" + stamp);
                try (FileChannel lockFile = FileChannel.open(workRoot().resolve("app.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    Path jar = dir.resolve("weimin.jar");
                    Path copied = dir.resolve("copied.ok");
                    if (!Files.exists(copied)) {
                        deleteRecursively(dir);
                        Files.createDirectories(dir);
                        Files.copy(source, jar, StandardCopyOption.REPLACE_EXISTING);
                        Files.writeString(copied, stamp);
                    }
                    if (!cds) {
                        return new Launcher(List.of("-jar", jar.toString()));
                    }
                    Path extracted = dir.resolve("extracted");
                    Path archive = dir.resolve("weimin.jsa");
                    Path attempted = dir.resolve("cds.attempted");
                    if (!Files.exists(attempted)) {
                        prepareArchive(jar, extracted, archive, dir);
                        Files.writeString(attempted, stamp);
                    }
                    if (Files.exists(archive)) {
                        return new Launcher(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                                "-Xlog:cds+dynamic=off", "-jar", extracted.resolve("weimin.jar").toString()));
                    }
                    return new Launcher(List.of("-jar", jar.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the application under " + workRoot(), e);
            }
        }

        /**
         * A digest of the jar's entries (name, CRC-32, size; read from the zip directory only), so a rebuild of unchanged
         * code reuses the prepared copy and its archive: Maven repackages the jar, with new time stamps, on every run.
         */
        private static String contentStamp(Path jar) throws IOException {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                zip.stream().map(e -> e.getName() + ":" + e.getCrc() + ":" + e.getSize()).sorted()
                        .forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
                return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Extracts the jar and records a class-data-sharing archive; on any failure leaves no archive. */
        private static void prepareArchive(Path jar, Path extracted, Path archive, Path dir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            deleteRecursively(extracted);
            Files.deleteIfExists(archive);
            boolean ok = run(dir.resolve("extract.log"), dir, Duration.ofSeconds(60), java,
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString());
            if (!ok || !Files.exists(extracted.resolve("weimin.jar"))) {
                return;
            }
            Path trainingData = dir.resolve("training-data");
            deleteRecursively(trainingData);
            List<String> training = new ArrayList<>(List.of(java));
            training.addAll(JVM_OPTIONS);
            training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", extracted.resolve("weimin.jar").toString(), "--server.port=0",
                    "--weimin.data-dir=" + trainingData));
            ok = run(dir.resolve("training.log"), dir, Duration.ofSeconds(120), training.toArray(String[]::new));
            deleteRecursively(trainingData);
            if (!ok) {
                Files.deleteIfExists(archive);
            }
        }

        private static boolean run(Path log, Path dir, Duration timeout, String... command) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("LANG", "C.UTF-8");
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            Process p = builder.start();
            LIVE.add(p);
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    return false;
                }
                return p.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return false;
            } finally {
                LIVE.remove(p);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
