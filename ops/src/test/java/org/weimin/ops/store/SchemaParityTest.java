package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two DDL scripts describe the same store: every table, column (including those added by {@code ALTER TABLE}),
 * named constraint and index of {@code db/schema-h2.sql} is in {@code db/schema-postgresql.sql} and the other way
 * round, so a table added to one script only fails here rather than at the first start on the other database.
 */
class SchemaParityTest {
    private static final Pattern TABLE = Pattern.compile(
            "CREATE TABLE IF NOT EXISTS (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    private static final Pattern ADDED = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN IF NOT EXISTS (\\w+)");
    private static final Pattern INDEX = Pattern.compile("CREATE INDEX IF NOT EXISTS (\\w+) ON (\\w+) \\(([^)]*)\\)");
    private static final Pattern CONSTRAINT = Pattern.compile("CONSTRAINT (\\w+)");

    @Test
    void postgresqlAndH2ScriptsHaveTheSameTablesColumnsConstraintsAndIndexes() throws IOException {
        Map<String, Set<String>> h2 = shape("db/schema-h2.sql");
        Map<String, Set<String>> postgresql = shape("db/schema-postgresql.sql");
        assertThat(h2).as("tables of schema-h2.sql").containsKeys("domainevententry", "tokenentry",
                "scheduled_tasks", "deadletterentry", "idempotency_key");
        assertThat(postgresql).isEqualTo(h2);
    }

    @Test
    void thePostgresqlScriptUsesNoH2OnlyTypes() throws IOException {
        String sql = read("db/schema-postgresql.sql").replaceAll("--[^\\n]*", "");
        assertThat(sql).doesNotContainIgnoringCase("VARBINARY").doesNotContainIgnoringCase("BLOB");
    }

    /** Table name → its column names, named constraints and indexes (lower case, as PostgreSQL folds them). */
    private static Map<String, Set<String>> shape(String resource) throws IOException {
        String sql = read(resource).replaceAll("--[^\\n]*", "");
        Map<String, Set<String>> tables = new TreeMap<>();
        Matcher t = TABLE.matcher(sql);
        while (t.find()) {
            Set<String> parts = new TreeSet<>();
            for (String line : t.group(2).split(",\\s*\\n")) {
                String item = line.strip();
                Matcher c = CONSTRAINT.matcher(item);
                if (c.find()) {
                    parts.add("constraint " + c.group(1).toLowerCase(Locale.ROOT));
                } else if (item.startsWith("PRIMARY KEY")) {
                    parts.add(item.replaceAll("\\s+", "").toLowerCase(Locale.ROOT));
                } else if (!item.isEmpty()) {
                    parts.add("column " + item.split("\\s+")[0].toLowerCase(Locale.ROOT));
                }
            }
            tables.put(t.group(1).toLowerCase(Locale.ROOT), parts);
        }
        Matcher a = ADDED.matcher(sql);
        while (a.find()) {
            tables.get(a.group(1).toLowerCase(Locale.ROOT)).add("column " + a.group(2).toLowerCase(Locale.ROOT));
        }
        Matcher i = INDEX.matcher(sql);
        while (i.find()) {
            tables.get(i.group(2).toLowerCase(Locale.ROOT)).add("index " + i.group(1).toLowerCase(Locale.ROOT) + " ("
                    + i.group(3).replaceAll("\\s+", "").toLowerCase(Locale.ROOT) + ")");
        }
        return tables;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = SchemaParityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
