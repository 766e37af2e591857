package org.weimin.ops.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.Sealed;
import org.weimin.ops.privacy.HmacKeyedHasher;
import org.weimin.ops.privacy.JdbcPersonalDataVault;
import org.weimin.ops.privacy.MasterKey;

/**
 * The application's H2 event-store file opened directly from the test JVM (the application must be stopped: H2 locks
 * its file), or its PostgreSQL database ({@link StoreUnderTest}), with the personal-data vault over it and the master
 * key from {@code <data-dir>/secrets}.
 */
public final class EventStoreFile implements AutoCloseable {
    public static final String CASE_RECEIVED = "org.weimin.events.cases.CaseReceived";

    static {
        preload();
    }

    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final JdbcPersonalDataVault vault;

    private final boolean postgres;

    private EventStoreFile(SingleConnectionDataSource dataSource, MasterKey masterKey, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbc = new JdbcTemplate(dataSource);
        this.vault = masterKey == null ? null : new JdbcPersonalDataVault(jdbc,
                new DataSourceTransactionManager(dataSource), masterKey, new HmacKeyedHasher(masterKey),
                Clock.systemUTC());
    }

    /**
     * Loads the classes the vault needs now, at the start of a test, not minutes later: in a shared checkout a
     * concurrent {@code mvn install} rewrites the project's jars in place, and a class loaded late from a rewritten jar
     * fails with {@code NoClassDefFoundError}.
     */
    public static void preload() {
        for (Class<?> type : List.of(JdbcPersonalDataVault.class, HmacKeyedHasher.class, MasterKey.class,
                Sealed.class, ApplicantKeyId.class, org.weimin.events.privacy.KeyedHasher.class,
                org.weimin.events.privacy.PersonalDataVault.class, org.weimin.events.privacy.Masking.class)) {
            try {
                Class.forName(type.getName(), true, EventStoreFile.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Opens {@code <dataDir>/events.mv.db} and the master key in {@code <dataDir>/secrets/master.key}. */
    public static EventStoreFile open(Path dataDir) {
        if (!java.nio.file.Files.exists(dataDir.resolve("secrets/master.key"))) {
            throw new IllegalStateException("no master key in " + dataDir.resolve("secrets"));
        }
        return open("jdbc:h2:file:" + dataDir.resolve("events") + ";IFEXISTS=TRUE",
                MasterKey.fromFileOrGenerate(dataDir.resolve("secrets")));
    }

    /** Opens any H2 URL (e.g. a TCP server's); {@code masterKey} may be null when nothing is to be opened. */
    public static EventStoreFile open(String url, MasterKey masterKey) {
        return open(url, "sa", masterKey);
    }

    /** Opens any JDBC URL as {@code user} (no password: the test stores trust the loopback); masterKey may be null. */
    public static EventStoreFile open(String url, String user, MasterKey masterKey) {
        try {
            Connection connection = DriverManager.getConnection(url, user, "");
            // suppressClose: the single connection stays open until close() below.
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
            return new EventStoreFile(dataSource, masterKey, url.startsWith("jdbc:postgresql:"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + url, e);
        }
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens a sealed value given as stored in an event payload: {@code {"key": "...", "data": "..."}}. */
    public Optional<String> open(JsonNode sealed) {
        if (vault == null) {
            throw new IllegalStateException("opened without a master key");
        }
        if (sealed == null || sealed.isNull() || sealed.isMissingNode()) {
            return Optional.empty();
        }
        return vault.open(new Sealed(ApplicantKeyId.of(sealed.get("key").asText()), sealed.get("data").asText()));
    }

    /** Parses an event payload BLOB (Jackson JSON). */
    public static JsonNode json(byte[] payload) {
        try {
            return Api.JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether every index of {@code DomainEventEntry} agrees with its rows: each secondary index scanned on its own
     * (with a look-up of a column it does not hold, so an entry without its row shows) counts as many rows as the
     * primary key. Returns the disagreements, empty when consistent. An inconsistent index is a defect of the store:
     * Axon reads a case's events through the aggregate/sequence index. On PostgreSQL each B-tree index of the table is
     * checked by {@code amcheck}'s {@code bt_index_check(index, heapallindexed => true)}: its structure, and that every
     * row of the table has its entry.
     */
    public List<String> indexProblems() {
        if (postgres) {
            return postgresIndexProblems();
        }
        List<String> problems = new java.util.ArrayList<>();
        Long rows = jdbc.queryForObject("SELECT COUNT(payloadType) FROM DomainEventEntry USE INDEX () "
                + "WHERE globalIndex >= 0", Long.class);
        List<java.util.Map<String, Object>> indexes = jdbc.queryForList("SELECT INDEX_NAME, INDEX_TYPE_NAME "
                + "FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'DOMAINEVENTENTRY'");
        for (java.util.Map<String, Object> index : indexes) {
            if ("PRIMARY KEY".equals(index.get("INDEX_TYPE_NAME"))) {
                continue;
            }
            String name = (String) index.get("INDEX_NAME");
            String first = jdbc.queryForObject("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS "
                    + "WHERE INDEX_NAME = ? AND ORDINAL_POSITION = 1", String.class, name);
            try {
                Long counted = jdbc.queryForObject("SELECT COUNT(payloadType) FROM DomainEventEntry USE INDEX (\""
                        + name + "\") WHERE \"" + first + "\" >= ''", Long.class);
                if (!rows.equals(counted)) {
                    problems.add(name + " counts " + counted + " rows, the table has " + rows);
                }
            } catch (org.springframework.dao.DataAccessException e) {
                problems.add(name + " cannot be scanned: " + e.getMostSpecificCause());
            }
        }
        return problems;
    }

    private List<String> postgresIndexProblems() {
        List<String> problems = new java.util.ArrayList<>();
        List<String> indexes = jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c "
                + "ON c.oid = i.indexrelid WHERE i.indrelid = 'domainevententry'::regclass", String.class);
        if (indexes.size() < 3) {
            problems.add("expected the primary key and two unique indexes on DomainEventEntry, found " + indexes);
        }
        for (String index : indexes) {
            try {
                jdbc.queryForList("SELECT bt_index_check(?::regclass, true)", index);
            } catch (org.springframework.dao.DataAccessException e) {
                problems.add(index + ": " + e.getMostSpecificCause().getMessage());
            }
        }
        return problems;
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
