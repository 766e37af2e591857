package org.weimin.ops.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@link ElasticsearchLauncher}:
 *
 * <pre>
 *   start|stop|status &lt;purpose&gt; [--checkout=DIR] [--zip=FILE] [--base-dir=DIR] [--timeout=SECONDS]
 *                               [--fresh] [--heap=512m] [--properties-out=FILE] [--property-name=NAME]
 *                               [--skip=true|false,...] [--external=URL] [--lease]
 * </pre>
 *
 * Options also accept the form {@code --name value}. Defaults come from system properties
 * ({@code weimin.es.checkout}, {@code weimin.es.zip}, {@code weimin.es.base-dir}) and the environment
 * ({@code WEIMIN_ES_ZIP}, {@code WEIMIN_ES_BASE_DIR}).
 *
 * <p>{@code --skip} and {@code --external} exist for the Maven build, which passes its own properties
 * ({@code --skip=${skipTests},${skipITs},${maven.test.skip}}, {@code --external=${weimin.test.elasticsearch.url}});
 * an expression Maven could not resolve reaches us literally ({@code ${skipTests}}) and counts as unset.
 *
 * <p>{@code --lease} (the build uses it): the caller's parent process (Maven's JVM) holds the instance between
 * {@code start} and {@code stop}. While another live process holds a lease, {@code start --fresh} reuses the running
 * instance instead of restarting it, and {@code stop} leaves it running: two builds of one checkout at the same
 * time do not pull Elasticsearch from under each other. Leases of dead processes are ignored.
 */
public record LauncherOptions(String command, String purpose, Path checkout, Optional<Path> zip, Path baseDir,
        Duration timeout, boolean fresh, String heap, Optional<Path> propertiesOut, String propertyName,
        boolean skip, Optional<String> externalUrl, boolean lease) {

    public static final Path DEFAULT_BASE_DIR = Path.of("/var/tmp/weimin-es");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_PROPERTY = "weimin.test.elasticsearch.url";
    static final List<String> COMMANDS = List.of("start", "stop", "status");

    public static final String USAGE = """
            usage: ElasticsearchLauncher start|stop|status <purpose> [--checkout=DIR] [--zip=FILE] [--base-dir=DIR]
                     [--timeout=SECONDS] [--fresh] [--heap=512m] [--properties-out=FILE] [--property-name=NAME]
                     [--skip=BOOL,...] [--external=URL] [--lease]
              start   start (or reuse) the instance of this checkout and purpose; prints its URL on stdout
              stop    stop it (TERM, then KILL) and remove its pid and URL files
              status  prints "running <url>" (exit 0) or "not running" (exit 3)""";

    /** Parses arguments; {@code system} and {@code env} supply the defaults. */
    public static LauncherOptions parse(List<String> args, Map<String, String> system, Map<String, String> env) {
        String command = null;
        String purpose = null;
        String checkout = system.get("weimin.es.checkout");
        String zip = firstSet(system.get("weimin.es.zip"), env.get("WEIMIN_ES_ZIP"));
        String baseDir = firstSet(system.get("weimin.es.base-dir"), env.get("WEIMIN_ES_BASE_DIR"));
        Duration timeout = DEFAULT_TIMEOUT;
        boolean fresh = false;
        String heap = NodeConfig.DEFAULT_HEAP;
        String propertiesOut = null;
        String propertyName = DEFAULT_PROPERTY;
        boolean skip = false;
        String external = null;
        boolean lease = false;

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name;
                String value;
                int eq = arg.indexOf('=');
                if (eq >= 0) {
                    name = arg.substring(2, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg.substring(2);
                    value = null;
                }
                if (name.equals("fresh") || name.equals("lease")) {
                    boolean on = value == null || Boolean.parseBoolean(value);
                    if (name.equals("fresh")) {
                        fresh = on;
                    } else {
                        lease = on;
                    }
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                switch (name) {
                    case "checkout" -> checkout = value;
                    case "zip" -> zip = unlessUnresolved(value);
                    case "base-dir" -> baseDir = value;
                    case "timeout" -> timeout = Duration.ofSeconds(positive(value, "--timeout"));
                    case "heap" -> heap = value;
                    case "properties-out" -> propertiesOut = unlessUnresolved(value);
                    case "property-name" -> propertyName = value;
                    case "skip" -> skip = anyTrue(value);
                    case "external" -> external = unlessUnresolved(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            } else if (command == null) {
                command = arg.toLowerCase(Locale.ROOT);
            } else if (purpose == null) {
                purpose = arg;
            } else {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
        }
        if (command == null || !COMMANDS.contains(command)) {
            throw new IllegalArgumentException("command must be one of " + COMMANDS + ": " + command);
        }
        if (purpose == null) {
            throw new IllegalArgumentException("a purpose is required (e.g. app or test)");
        }
        InstanceLayout.checkPurpose(purpose);
        Path checkoutPath = Path.of(checkout != null ? checkout : system.getOrDefault("user.dir", "."));
        return new LauncherOptions(command, purpose, checkoutPath, Optional.ofNullable(zip).map(Path::of),
                baseDir != null ? Path.of(baseDir) : DEFAULT_BASE_DIR, timeout, fresh, heap,
                Optional.ofNullable(propertiesOut).map(Path::of), propertyName, skip,
                Optional.ofNullable(external).filter(u -> !u.isBlank()), lease);
    }

    /** True when any comma-separated element is {@code true}. */
    public static boolean anyTrue(String values) {
        for (String v : values.split(",", -1)) {
            String t = v.strip();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
        }
        return false;
    }

    private static String unlessUnresolved(String value) {
        return value == null || value.isBlank() || value.contains("${") ? null : value;
    }

    /** The first value that is set and not blank, or null. */
    public static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static long positive(String value, String what) {
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(what + " must be a positive number of seconds: " + value);
    }
}
