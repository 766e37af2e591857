package org.weimin.ops.search;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Starts, stops and reports a local Elasticsearch (the Maven Central distribution zip, no bundled JDK) as a process
 * with a life of its own: one instance per checkout and purpose (e.g. {@code app} for {@code ops/bin/weimin run},
 * {@code test} for the build's integration tests), see {@link InstanceLayout} for its directory under
 * {@code /var/tmp/weimin-es}. A plain main class, JDK only (no Spring), so the build can run it from
 * {@code target/classes}.
 *
 * <ul>
 *   <li>{@code start <purpose>}: reuses a healthy running instance of this checkout and purpose (unless
 *   {@code --fresh}); otherwise stops any leftover of it, unpacks the zip (once per zip), writes the configuration
 *   ({@link NodeConfig}) with free loopback ports, and starts {@code bin/elasticsearch -d -p <pid file>} in a new
 *   session ({@code setsid}, so neither a kill of the caller nor a Ctrl-C in its terminal reaches it); as root, the
 *   instance directory is given to uid/gid 65534 and the server started through
 *   {@code setpriv --reuid=65534 --regid=65534 --clear-groups} (Elasticsearch refuses to run as root). It then waits
 *   (bounded, {@code --timeout}, default 120 s) for {@code GET /_cluster/health} to say yellow or green, writes the
 *   URL file and prints the URL on standard output (everything else goes to standard error). A start that fails or
 *   times out stops what it started and exits with 1.</li>
 *   <li>{@code stop <purpose>}: TERM to the instance's processes (the pid file's, and any process whose command line
 *   carries {@code -Des.path.home=<this instance's home>}), up to 30 s, then KILL; removes the pid and URL files.</li>
 *   <li>With {@code --lease} (the build), see {@link LauncherOptions}: a start records the calling build, and a stop
 *   leaves the instance running while another live build still holds it.</li>
 *   <li>{@code status <purpose>}: {@code running <url>} (exit 0), or {@code not running} (exit 3).</li>
 * </ul>
 *
 * Processes are only ever chosen by this instance's own home directory, so a launcher never reuses or stops the
 * instance of another checkout or purpose.
 */
public final class ElasticsearchLauncher {
    static final int UNPRIVILEGED_ID = 65534;
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final Set<Integer> RESERVED_PORTS = Set.of(8080, 9200, 9300, 27017);
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final Pattern PORT_CONFLICT = Pattern.compile("BindException|Address already in use");
    private static final int START_ATTEMPTS = 3;

    private final LauncherOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> system;

    ElasticsearchLauncher(LauncherOptions options, PrintStream out, PrintStream err, Map<String, String> system) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.system = system;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> system = new HashMap<>();
        System.getProperties().forEach((k, v) -> system.put(k.toString(), v.toString()));
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(Arrays.asList(args), system, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("[weimin-es] " + e.getMessage());
            err.println(LauncherOptions.USAGE);
            return 2;
        }
        try {
            ElasticsearchLauncher launcher = new ElasticsearchLauncher(options, out, err, system);
            return switch (options.command()) {
                case "start" -> launcher.start();
                case "stop" -> launcher.stop();
                case "status" -> launcher.status();
                default -> 2;
            };
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            err.println("[weimin-es] " + options.command() + " failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("[weimin-es] interrupted");
            return 1;
        }
    }

    // ---- commands ----------------------------------------------------------------------------------------------

    int start() throws IOException, InterruptedException {
        if (options.skip()) {
            log("tests are skipped: Elasticsearch not started");
            return 0;
        }
        if (options.propertiesOut().isPresent()) {
            Files.deleteIfExists(options.propertiesOut().get());
        }
        if (options.externalUrl().isPresent()) {
            String url = options.externalUrl().get();
            log("using the external Elasticsearch at " + url + " (nothing started)");
            publish(url);
            return 0;
        }
        if (Runtime.version().feature() < 17) {
            throw new IllegalStateException("Elasticsearch 8 needs Java 17+; this launcher runs on "
                    + Runtime.version());
        }
        InstanceLayout layout = layout();
        ensureBaseDir(options.baseDir());
        Files.createDirectories(layout.dir());
        try (FileChannel channel = lockChannel(layout); FileLock ignored = channel.lock()) {
            checkOwner(layout);
            Optional<String> running = healthyUrl(layout);
            Set<Long> otherHolders = options.lease() ? liveLeases(layout) : Set.of();
            if (running.isPresent() && (!options.fresh() || !otherHolders.isEmpty())) {
                log("reusing the running instance " + layout.dir() + " at " + running.get()
                        + (otherHolders.isEmpty() ? "" : " (also in use by process(es) " + otherHolders
                        + ", so not restarted fresh)"));
                takeLease(layout);
                publish(running.get());
                return 0;
            }
            int leftovers = stopProcesses(layout);
            if (leftovers > 0) {
                log("stopped " + leftovers + " leftover process(es) of " + layout.dir()
                        + (options.fresh() ? " (--fresh)" : ""));
            }
            Files.deleteIfExists(layout.pidFile());
            Files.deleteIfExists(layout.urlFile());

            Path zip = Distribution.locate(options.zip(), layout.checkout(), system);
            if (!Distribution.isUnpacked(layout.home(), zip)) {
                long t0 = System.nanoTime();
                log("unpacking " + zip + " into " + layout.home());
                Distribution.unpack(zip, layout.home());
                log(String.format(Locale.ROOT, "unpacked in %.1f s", (System.nanoTime() - t0) / 1e9));
            }
            if (options.fresh()) {
                Distribution.deleteRecursively(layout.dataDir());
            }
            for (Path d : List.of(layout.dataDir(), layout.logsDir(), layout.tmpDir())) {
                Files.createDirectories(d);
            }
            int code = startAndWait(layout);
            if (code == 0) {
                takeLease(layout);
            }
            return code;
        }
    }

    private int startAndWait(InstanceLayout layout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        int[] preferred = InstanceLayout.readPorts(layout.portsFile());
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int http = freePort(preferred[0], Set.of());
            int transport = freePort(preferred[1], Set.of(http));
            NodeConfig config = new NodeConfig(layout.clusterName(), layout.nodeName(), http, transport,
                    layout.dataDir(), layout.logsDir(), NodeConfig.DEFAULT_AUTO_CREATE_INDEX, options.heap());
            Files.writeString(layout.configDir().resolve("elasticsearch.yml"), config.renderYaml(),
                    StandardCharsets.UTF_8);
            Files.writeString(layout.configDir().resolve("jvm.options.d/weimin.options"), config.renderJvmOptions(),
                    StandardCharsets.UTF_8);
            Files.writeString(layout.consoleLog(), "", StandardCharsets.UTF_8);
            boolean root = Processes.currentUid() == 0;
            if (root) {
                chownToUnprivileged(layout.dir());
            }
            long t0 = System.nanoTime();
            log("starting Elasticsearch (" + layout.dir().getFileName() + ") on " + config.url()
                    + (root ? " as uid " + UNPRIVILEGED_ID : ""));
            Process process = spawn(layout, root);
            Outcome outcome = awaitHealthy(layout, config.url(), process, deadline);
            if (outcome == Outcome.HEALTHY) {
                InstanceLayout.writeUrl(layout.urlFile(), config.url());
                InstanceLayout.writePorts(layout.portsFile(), http, transport);
                log(String.format(Locale.ROOT, "Elasticsearch is up at %s after %.1f s (pid %s, logs in %s)",
                        config.url(), (System.nanoTime() - t0) / 1e9,
                        InstanceLayout.readPid(layout.pidFile()).stream().mapToObj(Long::toString).findFirst()
                                .orElse("?"), layout.logsDir()));
                publish(config.url());
                return 0;
            }
            boolean portConflict = logsShow(layout, PORT_CONFLICT);
            stopProcesses(layout);
            Files.deleteIfExists(layout.pidFile());
            if (outcome == Outcome.EXITED && portConflict && attempt < START_ATTEMPTS
                    && System.nanoTime() < deadline) {
                log("port taken meanwhile; trying other ports");
                preferred = new int[] {0, 0};
                continue;
            }
            err.println("[weimin-es] Elasticsearch did not become healthy ("
                    + (outcome == Outcome.TIMEOUT ? "timed out after " + options.timeout().toSeconds() + " s"
                    : "it exited") + "). Last lines of its logs:");
            printTail(layout.consoleLog(), 30);
            printTail(layout.logsDir().resolve(layout.clusterName() + ".log"), 40);
            return 1;
        }
        return 1;
    }

    int stop() throws IOException, InterruptedException {
        if (options.skip()) {
            log("tests are skipped: nothing to stop");
            return 0;
        }
        if (options.externalUrl().isPresent()) {
            log("external Elasticsearch in use: nothing to stop");
            return 0;
        }
        InstanceLayout layout = layout();
        if (!Files.isDirectory(layout.dir())) {
            out.println("not running");
            return 0;
        }
        try (FileChannel channel = lockChannel(layout); FileLock ignored = channel.lock()) {
            checkOwner(layout);
            if (options.lease()) {
                Files.deleteIfExists(ownLease(layout));
                Set<Long> holders = liveLeases(layout);
                if (!holders.isEmpty() && healthyUrl(layout).isPresent()) {
                    log("left running: still in use by process(es) " + holders);
                    out.println("in use");
                    return 0;
                }
            }
            int stopped = stopProcesses(layout);
            Files.deleteIfExists(layout.pidFile());
            Files.deleteIfExists(layout.urlFile());
            Distribution.deleteRecursively(layout.leasesDir());
            out.println(stopped > 0 ? "stopped" : "not running");
            if (stopped > 0) {
                log("stopped " + layout.dir());
            }
            return 0;
        }
    }

    int status() throws IOException {
        InstanceLayout layout = layout();
        if (!Files.isDirectory(layout.dir())) {
            out.println("not running");
            return 3;
        }
        Optional<String> url = healthyUrl(layout);
        if (url.isPresent()) {
            out.println("running " + url.get());
            return 0;
        }
        OptionalLong pid = livePid(layout);
        if (pid.isPresent() || !Processes.withArgument(layout.homeArgument()).isEmpty()) {
            out.println("not healthy (processes of " + layout.dir() + " are alive; 'stop' ends them)");
            return 1;
        }
        out.println("not running");
        return 3;
    }

    // ---- pieces ------------------------------------------------------------------------------------------------

    private InstanceLayout layout() {
        return InstanceLayout.of(options.baseDir(), options.checkout(), options.purpose());
    }

    private void publish(String url) throws IOException {
        if (options.propertiesOut().isPresent()) {
            InstanceLayout.writeProperty(options.propertiesOut().get(), options.propertyName(), url);
        }
        out.println(url);
        out.flush();
    }

    /** The base directory must be traversable by the unprivileged user: created world-writable with the sticky bit. */
    public static void ensureBaseDir(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            Files.createDirectories(base);
            try {
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
                new ProcessBuilder("chmod", "1777", base.toString()).inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The lease of the caller: named after the launcher's parent process (with --lease, Maven's JVM). */
    private static Path ownLease(InstanceLayout layout) {
        long holder = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        return layout.leasesDir().resolve(Long.toString(holder));
    }

    private void takeLease(InstanceLayout layout) throws IOException {
        if (options.lease()) {
            Files.createDirectories(layout.leasesDir());
            Files.writeString(ownLease(layout), "", StandardCharsets.UTF_8);
        }
    }

    /** The live holders of leases other than the caller; the leases of dead processes are removed. */
    static Set<Long> liveLeases(InstanceLayout layout) throws IOException {
        Set<Long> live = new LinkedHashSet<>();
        if (!Files.isDirectory(layout.leasesDir())) {
            return live;
        }
        Path own = ownLease(layout);
        try (var files = Files.list(layout.leasesDir())) {
            for (Path lease : files.toList()) {
                OptionalLong pid = InstanceLayout.parsePid(lease.getFileName().toString());
                if (pid.isPresent() && Processes.isAlive(pid.getAsLong())) {
                    if (!lease.equals(own)) {
                        live.add(pid.getAsLong());
                    }
                } else {
                    Files.deleteIfExists(lease);
                }
            }
        }
        return live;
    }

    private static FileChannel lockChannel(InstanceLayout layout) throws IOException {
        return FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Writes the owner file once; refuses a directory that belongs to another checkout or purpose. */
    private static void checkOwner(InstanceLayout layout) throws IOException {
        Path owner = layout.ownerFile();
        if (Files.isRegularFile(owner)) {
            String recorded = Files.readString(owner, StandardCharsets.UTF_8);
            if (!recorded.equals(layout.ownerText())) {
                throw new IllegalStateException(layout.dir() + " belongs to another checkout or purpose ("
                        + recorded.strip().replace('\n', ' ') + "); refusing to touch it");
            }
        } else {
            Files.writeString(owner, layout.ownerText(), StandardCharsets.UTF_8);
        }
    }

    /** The pid in the pid file, if that process is alive and is this instance's server. */
    private static OptionalLong livePid(InstanceLayout layout) {
        OptionalLong pid = InstanceLayout.readPid(layout.pidFile());
        if (pid.isPresent() && Processes.isAlive(pid.getAsLong())
                && Processes.commandLine(pid.getAsLong()).contains(layout.homeArgument())) {
            return pid;
        }
        return OptionalLong.empty();
    }

    private static Optional<String> healthyUrl(InstanceLayout layout) {
        if (livePid(layout).isEmpty()) {
            return Optional.empty();
        }
        return InstanceLayout.readUrl(layout.urlFile()).filter(ElasticsearchLauncher::isHealthy);
    }

    /** {@code GET /_cluster/health} answers yellow or green. */
    static boolean isHealthy(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + "/_cluster/health").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            try {
                if (c.getResponseCode() != 200) {
                    return false;
                }
                try (InputStream in = c.getInputStream()) {
                    return HEALTHY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find();
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    enum Outcome { HEALTHY, EXITED, TIMEOUT }

    private Outcome awaitHealthy(InstanceLayout layout, String url, Process starter, long deadline)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            if (isHealthy(url)) {
                return Outcome.HEALTHY;
            }
            if (!starter.isAlive()) {
                // With -d the start script's JVM exits once the server runs; the server then lives on its own.
                boolean serverAlive = livePid(layout).isPresent()
                        || !Processes.withArgument(layout.homeArgument()).isEmpty();
                if (starter.exitValue() != 0 || !serverAlive) {
                    if (isHealthy(url)) {
                        return Outcome.HEALTHY;
                    }
                    log("the start script exited with " + starter.exitValue()
                            + (serverAlive ? "" : " and no server process is left"));
                    return Outcome.EXITED;
                }
            }
            Thread.sleep(300);
        }
        return Outcome.TIMEOUT;
    }

    private Process spawn(InstanceLayout layout, boolean root) throws IOException {
        List<String> command = new ArrayList<>();
        Processes.findExecutable("setsid").ifPresentOrElse(p -> command.add(p.toString()),
                () -> log("setsid not found: Elasticsearch stays in this process group"));
        if (root) {
            Path setpriv = Processes.findExecutable("setpriv").orElseThrow(() -> new IllegalStateException(
                    "running as root and 'setpriv' (util-linux) is missing: Elasticsearch refuses to run as root"));
            command.addAll(List.of(setpriv.toString(), "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups"));
        }
        command.addAll(List.of(Processes.findExecutable("bash").map(Path::toString).orElse("bash"),
                layout.home().resolve("bin/elasticsearch").toString(), "-d", "-p", layout.pidFile().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(layout.dir().toFile());
        Map<String, String> env = pb.environment();
        for (String name : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS",
                "ES_JAVA_OPTS", "CLI_JAVA_OPTS", "JAVA_HOME", "ES_HOME", "MAVEN_OPTS")) {
            env.remove(name);
        }
        env.put("ES_JAVA_HOME", system.getOrDefault("java.home", System.getProperty("java.home")));
        env.put("ES_PATH_CONF", layout.configDir().toString());
        env.put("ES_TMPDIR", layout.tmpDir().toString());
        env.put("HOME", layout.dir().toString());
        env.put("LANG", "C.UTF-8");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.consoleLog().toFile()));
        return pb.start();
    }

    private static void chownToUnprivileged(Path dir) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(chown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (chown.waitFor() != 0) {
            throw new IOException("chown -R " + UNPRIVILEGED_ID + " " + dir + " failed: " + output.strip());
        }
    }

    /** Stops every process of this instance: TERM, up to {@link #STOP_GRACE}, then KILL. Returns how many. */
    int stopProcesses(InstanceLayout layout) throws InterruptedException {
        Set<Long> pids = new LinkedHashSet<>();
        livePid(layout).ifPresent(pids::add);
        pids.addAll(Processes.withArgument(layout.homeArgument()));
        if (pids.isEmpty()) {
            return 0;
        }
        pids.forEach(pid -> Processes.signal(pid, false));
        if (!awaitGone(pids, STOP_GRACE)) {
            log("still alive after " + STOP_GRACE.toSeconds() + " s: KILL " + pids);
            pids.stream().filter(Processes::isAlive).forEach(pid -> Processes.signal(pid, true));
            if (!awaitGone(pids, Duration.ofSeconds(10))) {
                throw new IllegalStateException("could not stop processes " + pids + " of " + layout.dir());
            }
        }
        return pids.size();
    }

    private static boolean awaitGone(Set<Long> pids, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (pids.stream().anyMatch(Processes::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** A free loopback port: the preferred one if it can be bound, else one the kernel hands out. */
    static int freePort(int preferred, Set<Integer> avoid) throws IOException {
        if (preferred > 0 && !avoid.contains(preferred) && !RESERVED_PORTS.contains(preferred)
                && canBind(preferred)) {
            return preferred;
        }
        for (int i = 0; i < 20; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                if (!avoid.contains(port) && !RESERVED_PORTS.contains(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free loopback port");
    }

    static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean logsShow(InstanceLayout layout, Pattern pattern) {
        for (Path log : List.of(layout.consoleLog(), layout.logsDir().resolve(layout.clusterName() + ".log"))) {
            try {
                if (Files.isRegularFile(log) && pattern.matcher(Files.readString(log, StandardCharsets.UTF_8)).find()) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: no evidence
            }
        }
        return false;
    }

    private void printTail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            err.println("---- " + file + " ----");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(err::println);
        } catch (IOException e) {
            err.println("(cannot read " + file + ": " + e + ")");
        }
    }

    private void log(String message) {
        err.println("[weimin-es] " + message);
        err.flush();
    }
}
