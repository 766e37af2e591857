package org.weimin.ops.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one Elasticsearch instance lives and the small files that describe it. One instance per checkout and
 * purpose: the directory is {@code <base>/<first 12 hex digits of SHA-256(real checkout path)>-<purpose>}, e.g.
 * {@code /var/tmp/weimin-es/3f2a9c0d11be-app}. Inside:
 *
 * <pre>
 *   home/              the unpacked distribution (bin, lib, modules, config with our elasticsearch.yml)
 *   data/  logs/  tmp/ path.data, path.logs, ES_TMPDIR
 *   owner              "checkout=...", "purpose=...": guards against a hash collision
 *   elasticsearch.pid  written by Elasticsearch itself (-p), the server JVM's pid; removed when it stops
 *   http.url           "http://127.0.0.1:&lt;port&gt;", written once the cluster is healthy; removed by stop
 *   ports              the last ports used, tried first at the next start so a developer's URL stays stable
 *   console.log        the start script's own output (everything else is in logs/)
 *   launcher.lock      serialises start/stop/status of this instance
 *   leases/&lt;pid&gt;       builds (Maven JVMs) using it, with --lease
 * </pre>
 *
 * Pure path arithmetic and small-file parsing; the process handling is in {@link ElasticsearchLauncher}.
 */
public final class InstanceLayout {
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d{1,5})");

    private final Path checkout;
    private final String purpose;
    private final Path dir;

    private InstanceLayout(Path checkout, String purpose, Path dir) {
        this.checkout = checkout;
        this.purpose = purpose;
        this.dir = dir;
    }

    /** The layout for a checkout (made absolute and normalised; real path where it exists) and a purpose. */
    public static InstanceLayout of(Path baseDir, Path checkout, String purpose) {
        checkPurpose(purpose);
        Path canonical = canonical(checkout);
        return new InstanceLayout(canonical, purpose,
                baseDir.toAbsolutePath().normalize().resolve(instanceName(canonical, purpose)));
    }

    static void checkPurpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException(
                    "purpose must be lower-case letters, digits and '-' (e.g. app, test): " + purpose);
        }
    }

    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** {@code <12 hex digits of SHA-256 of the checkout path>-<purpose>}. */
    static String instanceName(Path canonicalCheckout, String purpose) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalCheckout.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6) + "-" + purpose;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path checkout() { return checkout; }
    public String purpose() { return purpose; }
    public Path dir() { return dir; }
    public Path home() { return dir.resolve("home"); }
    public Path dataDir() { return dir.resolve("data"); }
    public Path logsDir() { return dir.resolve("logs"); }
    public Path tmpDir() { return dir.resolve("tmp"); }
    public Path pidFile() { return dir.resolve("elasticsearch.pid"); }
    public Path urlFile() { return dir.resolve("http.url"); }
    public Path portsFile() { return dir.resolve("ports"); }
    public Path ownerFile() { return dir.resolve("owner"); }
    public Path consoleLog() { return dir.resolve("console.log"); }
    public Path lockFile() { return dir.resolve("launcher.lock"); }
    public Path configDir() { return home().resolve("config"); }
    public Path leasesDir() { return dir.resolve("leases"); }

    /** The argument that every process of this instance (start script, CLI and server JVM) carries. */
    public String homeArgument() {
        return "-Des.path.home=" + home();
    }

    public String clusterName() {
        return "weimin-" + dir.getFileName();
    }

    public String nodeName() {
        return "weimin-" + purpose;
    }

    /** The text of the {@code owner} file. */
    public String ownerText() {
        return "checkout=" + checkout + "\npurpose=" + purpose + "\n";
    }

    // ---- small files -------------------------------------------------------------------------------------------

    /** The pid in a pid file: the first line, trimmed; empty when missing, blank or not a positive number. */
    public static OptionalLong readPid(Path pidFile) {
        return readFirstLine(pidFile).map(InstanceLayout::parsePid).orElse(OptionalLong.empty());
    }

    static OptionalLong parsePid(String text) {
        String t = text.strip();
        if (!t.matches("[0-9]{1,10}")) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(t);
        return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** The URL in a URL file, only if it is a loopback URL as this launcher writes it. */
    public static Optional<String> readUrl(Path urlFile) {
        return readFirstLine(urlFile).map(String::strip).filter(u -> URL.matcher(u).matches());
    }

    /** The port of a URL written by this launcher. */
    public static OptionalInt portOf(String url) {
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(m.group(1));
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    public static void writeUrl(Path urlFile, String url) throws IOException {
        if (portOf(url).isEmpty()) {
            throw new IllegalArgumentException("not a loopback URL: " + url);
        }
        writeAtomically(urlFile, url + "\n");
    }

    /** The last ports ({@code http=..}, {@code transport=..}); empty values when missing or unreadable. */
    public static int[] readPorts(Path portsFile) {
        int[] ports = {0, 0};
        if (!Files.isRegularFile(portsFile)) {
            return ports;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(portsFile, StandardCharsets.UTF_8)) {
            p.load(in);
            ports[0] = parsePort(p.getProperty("http"));
            ports[1] = parsePort(p.getProperty("transport"));
        } catch (IOException | IllegalArgumentException e) {
            return new int[] {0, 0};
        }
        return ports;
    }

    private static int parsePort(String s) {
        if (s == null || !s.strip().matches("[0-9]{1,5}")) {
            return 0;
        }
        int port = Integer.parseInt(s.strip());
        return port <= 65535 ? port : 0;
    }

    public static void writePorts(Path portsFile, int http, int transport) throws IOException {
        writeAtomically(portsFile, "http=" + http + "\ntransport=" + transport + "\n");
    }

    /** A Java properties file with one entry, for Failsafe's {@code systemPropertiesFile}. */
    public static void writeProperty(Path file, String name, String value) throws IOException {
        Properties p = new Properties();
        p.setProperty(name, value);
        var text = new java.io.StringWriter();
        p.store(text, "Written by org.weimin.ops.search.ElasticsearchLauncher");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        writeAtomically(file, text.toString());
    }

    /**
     * Adds entries to a Java properties file (created if missing), keeping the others: the PostgreSQL launcher
     * (org.weimin.ops.store.PostgresLauncher) adds its entries to the file this launcher wrote, since Failsafe reads
     * one {@code systemPropertiesFile}.
     */
    public static void addProperties(Path file, java.util.Map<String, String> entries) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                p.load(in);
            }
        }
        entries.forEach(p::setProperty);
        var text = new java.io.StringWriter();
        p.store(text, "Written by the build's store launchers (org.weimin.ops.search, org.weimin.ops.store)");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        writeAtomically(file, text.toString());
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
