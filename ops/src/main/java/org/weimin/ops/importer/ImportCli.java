package org.weimin.ops.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar weimin.jar import --mapping=<name or file> --file=<csv or xlsx> [options]}: imports an export into
 * the running service through its import API (it never opens the stores itself). Options: {@code --url}
 * (default {@code http://127.0.0.1:8080} or {@code WEIMIN_URL}), {@code --user} (default {@code importer}),
 * password from {@code WEIMIN_IMPORT_PASSWORD} or {@code --password-file}, {@code --report} (default
 * {@code <file>.import-report.csv} beside the working directory), {@code --threads} (default 4), {@code --patience}
 * (how long to wait for an unreachable service, default PT2M). Exit code 0 when every row was accounted for and none
 * was REJECTED by the service or FAILED to reach it, 1 otherwise (the report says which rows), 2 on bad arguments.
 */
public final class ImportCli {
    private ImportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                return usage("unexpected argument: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        for (String key : options.keySet()) {
            if (!java.util.List.of("mapping", "file", "url", "user", "password-file", "report", "threads", "patience")
                    .contains(key)) {
                return usage("unknown option --" + key);
            }
        }
        if (!options.containsKey("mapping") || !options.containsKey("file")) {
            return usage("--mapping and --file are required");
        }
        try {
            ImportMapping mapping = ImportMapping.load(options.get("mapping"));
            Path file = Path.of(options.get("file"));
            if (!Files.isReadable(file)) {
                return usage("cannot read " + file);
            }
            Path passwordFile = options.containsKey("password-file") ? Path.of(options.get("password-file")) : null;
            if (passwordFile != null && !Files.isRegularFile(passwordFile)) {
                return usage("cannot read the password file " + passwordFile);
            }
            String password = passwordFile != null
                    ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                    : System.getenv("WEIMIN_IMPORT_PASSWORD");
            if (password == null || password.isBlank()) {
                return usage("give the importer's password in WEIMIN_IMPORT_PASSWORD or --password-file");
            }
            String url = options.getOrDefault("url", System.getenv().getOrDefault("WEIMIN_URL",
                    "http://127.0.0.1:8080"));
            int threads;
            Duration patience;
            try {
                threads = Integer.parseInt(options.getOrDefault("threads", "4"));
                patience = Duration.parse(options.getOrDefault("patience", "PT2M"));
            } catch (RuntimeException e) {
                return usage("--threads is a whole number and --patience an ISO-8601 duration such as PT2M");
            }
            if (threads < 1 || threads > 64 || patience.isNegative() || patience.isZero()) {
                return usage("--threads must be 1 to 64 and --patience positive");
            }
            if (Files.isDirectory(file)) {
                return usage(file + " is a directory, not an export file");
            }
            Path report = Path.of(options.getOrDefault("report", file.getFileName() + ".import-report.csv"));
            ImportClient client = new ImportClient(url, options.getOrDefault("user", "importer"), password, patience);
            ImportRun run = new ImportRun(mapping, client, Clock.systemUTC(), threads, System.err,
                    System.console() != null);
            System.err.printf("[weimin-import] %s → %s as source '%s'%n", file, url, mapping.source());
            ImportRun.Summary summary = run.run(file, report);
            System.out.printf("rows %d: %s; corrected %d, fallback unit %d; %.1f s; report %s%n", summary.rows(),
                    summary.outcomes(), summary.corrected(), summary.fallbacks(), summary.took().toMillis() / 1000.0,
                    summary.report().toAbsolutePath());
            return summary.count("FAILED") + summary.count("REJECTED") > 0 ? 1 : 0;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            System.err.println("[weimin-import] failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println("[weimin-import] " + problem);
        System.err.println("usage: java -jar weimin.jar import --mapping=<teddy2020c-att4|teddy2020c-att2|nyc311|file.yml>"
                + " --file=<export.csv|.xlsx> [--url=http://127.0.0.1:8080] [--user=importer] [--password-file=f]"
                + " [--report=f.csv] [--threads=4] [--patience=PT2M]");
        return 2;
    }
}
