package org.weimin.ops.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.weimin.ops.privacy.MasterKey;

/**
 * The JDBC store (events, tokens, timers, keys) a process-level test runs the packaged application on: the embedded H2
 * file in the data directory (the default), or a database of its own in the build's throwaway PostgreSQL cluster
 * (org.weimin.ops.store.PostgresLauncher, started in pre-integration-test; Failsafe passes
 * {@code weimin.test.postgres.url}, {@code .user} and {@code .admin-user}) used through the {@code postgres} profile.
 * Tests that can run on both take one of these and use {@link #appArgs}, {@link #open} and {@link #verifyArgs} instead
 * of H2 file paths.
 */
public final class StoreUnderTest {
    private final Path dataDir;
    /** Null for the embedded H2 file. */
    private final String postgresUrl;

    private StoreUnderTest(Path dataDir, String postgresUrl) {
        this.dataDir = dataDir;
        this.postgresUrl = postgresUrl;
    }

    /** The embedded default: {@code <dataDir>/events.mv.db}. */
    public static StoreUnderTest h2(Path dataDir) {
        return new StoreUnderTest(dataDir, null);
    }

    /**
     * A new, empty database {@code it_<name>_<random>} in the build's PostgreSQL cluster, owned by the application's
     * role, with the {@code amcheck} extension (for {@link EventStoreFile#indexProblems()}). Without a cluster the test
     * is skipped, or fails under {@code CI=true} (where the build must have started one).
     */
    public static StoreUnderTest postgres(String name, Path dataDir) {
        String url = System.getProperty("weimin.test.postgres.url", "");
        if (url.isBlank()) {
            String why = "no PostgreSQL for the integration tests (weimin.test.postgres.url is not set: the build's "
                    + "PostgresLauncher found no /usr/lib/postgresql/<version>/bin)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + "; required under CI=true");
            }
            Assumptions.abort(why);
        }
        String database = "it_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
                + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        String owner = user();
        try (Connection admin = DriverManager.getConnection(withDatabase(url, "postgres"), adminUser(), "");
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database + " OWNER " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database + " at " + url, e);
        }
        String own = withDatabase(url, database);
        try (Connection admin = DriverManager.getConnection(own, adminUser(), "");
             Statement s = admin.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            s.execute("GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database " + database, e);
        }
        return new StoreUnderTest(dataDir, own);
    }

    public boolean isPostgres() {
        return postgresUrl != null;
    }

    /** The application's JDBC URL (for H2 the file URL the application derives from its data directory). */
    public String url() {
        return isPostgres() ? postgresUrl : "jdbc:h2:file:" + dataDir.resolve("events");
    }

    /**
     * Application arguments: {@code --spring.profiles.active} with the given profiles (plus {@code postgres}) and the
     * datasource; none for H2 without profiles.
     */
    public List<String> appArgs(String... profiles) {
        List<String> active = new ArrayList<>(List.of(profiles));
        List<String> args = new ArrayList<>();
        if (isPostgres()) {
            active.add("postgres");
            args.add("--spring.datasource.url=" + postgresUrl);
            args.add("--spring.datasource.username=" + user());
        }
        if (!active.isEmpty()) {
            args.add(0, "--spring.profiles.active=" + String.join(",", active));
        }
        return args;
    }

    /**
     * The store opened directly over JDBC, with the vault over the master key in {@code <dataDir>/secrets}. For H2 the
     * application must be stopped (it locks the file); PostgreSQL may be read while it runs.
     */
    public EventStoreFile open() {
        if (!isPostgres()) {
            return EventStoreFile.open(dataDir);
        }
        return EventStoreFile.open(postgresUrl, user(), MasterKey.fromFileOrGenerate(dataDir.resolve("secrets")));
    }

    /** Arguments of {@code weimin verify} that name this store (besides {@code --data-dir}). */
    public List<String> verifyArgs() {
        return isPostgres() ? List.of("--url=" + postgresUrl, "--user=" + user()) : List.of();
    }

    private static String user() {
        return System.getProperty("weimin.test.postgres.user", "weimin");
    }

    private static String adminUser() {
        return System.getProperty("weimin.test.postgres.admin-user", "postgres");
    }

    /** {@code jdbc:postgresql://host:port/<database>} from a URL naming another database. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? url : url.substring(0, slash)) + "/" + database;
    }
}
