package org.weimin.ops.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar weimin.jar verify [options]} (or {@code ops/bin/weimin verify}): verifies the ledger by reading the
 * event store directly over JDBC, streaming, with the service stopped (the embedded H2 file is locked while the
 * service runs; against a running service use {@code GET /api/audit/ledger/verify}). Prints one line per case whose
 * chain is broken ({@code BROKEN <case> sequence=<n> globalIndex=<g>: <reason>}), the checkpoint findings and a
 * summary; exit code 0 when everything verifies, 1 on a broken link, a bad signature or a store that does not match
 * the newest checkpoint, 2 on bad arguments or an unreadable store.
 *
 * <p>Options: {@code --data-dir=./data}; {@code --url} (JDBC URL; default the H2 file
 * {@code <data-dir>/events}, opened read-only), {@code --user=sa}, {@code --password-file}; {@code --public-key}
 * (comma-separated {@code .pub} files, each checkpoint checked against the one its key id names; default
 * {@code <data-dir>/secrets/ledger-signing.pub} and the earlier keys' {@code ledger-signing-<keyId>.pub} beside it
 * after rotations, README "Key management"; give copies kept away from the database's writers);
 * {@code --case=<id>} verifies one case's chain only.
 */
public final class VerifyCli {
    private static final List<String> OPTIONS = List.of("data-dir", "url", "user", "password-file", "public-key",
            "case");

    private VerifyCli() {
    }

    /** Entry point: runs and exits with {@link #run}'s code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verification; returns the exit code (0 verified, 1 tampering found, 2 usage or store error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !OPTIONS.contains(arg.substring(2, eq))) {
                err.println("unexpected argument: " + arg);
                err.println("usage: java -jar weimin.jar verify [--data-dir=./data] [--url=jdbc:...] [--user=sa]"
                        + " [--password-file=f] [--public-key=file.pub] [--case=<id>]");
                return 2;
            }
            o.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path data = Path.of(o.getOrDefault("data-dir", "./data")).toAbsolutePath().normalize();
        String url = o.getOrDefault("url", "jdbc:h2:file:" + data.resolve("events")
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE");
        try {
            List<Path> keyFiles = o.containsKey("public-key")
                    ? java.util.Arrays.stream(o.get("public-key").split(",")).map(String::strip).map(Path::of).toList()
                    : defaultKeyFiles(data.resolve("secrets"));
            String password = o.containsKey("password-file")
                    ? Files.readString(Path.of(o.get("password-file")), StandardCharsets.UTF_8).strip() : "";
            Map<String, PublicKey> keys = new LinkedHashMap<>();
            for (Path keyFile : keyFiles) {
                if (Files.exists(keyFile)) {
                    PublicKey k = LedgerSigningKey.readPublicKey(keyFile);
                    keys.put(LedgerSigningKey.keyId(k), k);
                }
            }
            Map<String, PublicKey> key = keys.isEmpty() ? null : keys;
            if (key == null) {
                err.println("no public key at " + keyFiles + ": checkpoint signatures are not checked");
            }
            try (Connection c = DriverManager.getConnection(url, o.getOrDefault("user", "sa"), password)) {
                return o.containsKey("case") ? verifyCase(c, o.get("case"), key, out) : verifyStore(c, key, out);
            }
        } catch (SQLException e) {
            err.println("cannot read the event store at " + url + ": " + e.getMessage());
            err.println("(the embedded store is locked while the service runs: stop it, verify a copy, or use "
                    + "GET /api/audit/ledger/verify)");
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
    }

    /** The current public key file and the earlier keys' files a rotation left beside it. */
    private static List<Path> defaultKeyFiles(Path secrets) throws IOException {
        List<Path> files = new java.util.ArrayList<>(List.of(secrets.resolve("ledger-signing.pub")));
        if (Files.isDirectory(secrets)) {
            try (java.util.stream.Stream<Path> list = Files.list(secrets)) {
                list.filter(f -> f.getFileName().toString().matches("ledger-signing-[0-9a-f]+\\.pub")).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static int verifyCase(Connection c, String caseId, Map<String, PublicKey> key, PrintStream out)
            throws SQLException {
        Checkpoint latest = CheckpointStore.latest(c).orElse(null);
        LedgerVerifier.CaseResult r = LedgerVerifier.verifyCase(c, caseId, latest == null ? -1 : latest.headIndex());
        CaseVerification v = r.verification();
        if (v.events() == 0) {
            out.println("NOT FOUND " + caseId + ": no events");
            return 1;
        }
        if (!v.verified()) {
            printBroken(v, out);
        }
        out.printf("%s %s: %d events (%d unhashed legacy)%s%n", v.verified() ? "OK" : "FAILED", caseId, v.events(),
                v.unhashedEvents(), latest == null ? ", no checkpoint" : ", " + r.eventsCoveredByCheckpoint()
                        + " up to checkpoint " + latest.id() + (key == null ? "" : signature(latest, key)));
        return v.verified() ? 0 : 1;
    }

    private static int verifyStore(Connection c, Map<String, PublicKey> key, PrintStream out) throws SQLException {
        StoreVerification v = LedgerVerifier.verifyStore(c, key == null ? null : key::get,
                broken -> printBroken(broken, out));
        if (v.badSignatures() != null && v.badSignatures() > 0) {
            out.println("CHECKPOINTS " + v.badSignatures() + " of " + v.checkpoints()
                    + " checkpoint signatures do not verify with the given public keys");
        }
        if (v.checkpointsOutOfOrder() > 0) {
            out.println("CHECKPOINTS " + v.checkpointsOutOfOrder() + " checkpoints go backwards (head or count)");
        }
        if (v.latestCheckpointMismatch() != null) {
            out.println("CHECKPOINT MISMATCH " + v.latestCheckpointMismatch());
        }
        Checkpoint latest = v.latestCheckpoint();
        out.printf("%s: %d events in %d cases (%d unhashed legacy), %d broken cases; %d checkpoints%s%n",
                v.verified() ? "OK" : "FAILED", v.events(), v.cases(), v.unhashedEvents(), v.brokenCases(),
                v.checkpoints(), latest == null ? " (nothing after the last event of each case is protected)"
                        : ", latest " + latest.id() + " of " + latest.createdAt() + " at global index "
                        + latest.headIndex() + " digest " + latest.digest()
                        + (v.latestCheckpointMismatch() == null ? " matches" : " DOES NOT MATCH"));
        return v.verified() ? 0 : 1;
    }

    private static String signature(Checkpoint c, Map<String, PublicKey> keys) {
        PublicKey key = keys.get(c.keyId());
        return key != null && LedgerSigningKey.verify(key, c.signedText(), c.signature()) ? " (signature valid)"
                : " (SIGNATURE INVALID)";
    }

    private static void printBroken(CaseVerification v, PrintStream out) {
        BrokenLink b = v.firstBrokenLink();
        out.printf("BROKEN %s sequence=%d globalIndex=%d: %s%n", v.caseId(), b.sequence(), b.globalIndex(),
                b.reason());
    }
}
