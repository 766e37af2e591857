package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.junit.jupiter.api.Test;

/** Which failed appends are concurrent ones: H2's and PostgreSQL's unique violations, also inside a JDBC batch. */
class DuplicateKeyResolverTest {
    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @Test
    void aPostgresUniqueViolationInsideABatchIsADuplicateKey() {
        // PgJDBC: BatchUpdateException whose next exception (and cause) is the server's 23505.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 ... was aborted", "23505", 0,
                new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();

        BatchUpdateException stateOnlyInNext = new BatchUpdateException("aborted", null, 0, new int[0]);
        stateOnlyInNext.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(stateOnlyInNext)).isTrue();
    }

    @Test
    void h2sIntegrityViolationStaysADuplicateKeyAsWithAxonsDefault() {
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(
                new SQLIntegrityConstraintViolationException("Unique index or primary key violation", "23505"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNotConcurrency() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("null value in column", "23502"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void aBatchThatHitsAUniqueIndexIsADuplicateKeyViolation() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:dupkey;DB_CLOSE_DELAY=0", "sa", "");
             Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE e (agg VARCHAR(20), seq BIGINT, CONSTRAINT e_u UNIQUE (agg, seq))");
            ddl.execute("INSERT INTO e VALUES ('a', 0)");
            PreparedStatement insert = c.prepareStatement("INSERT INTO e VALUES (?, ?)");
            insert.setString(1, "a");
            insert.setLong(2, 0);
            insert.addBatch();
            SQLException failure = catchThrowableOfType(SQLException.class, insert::executeBatch);
            Exception wrapped = new IllegalStateException("append failed", failure);

            assertThat(new DuplicateKeyResolver().isDuplicateKeyViolation(wrapped)).isTrue();
            assertThat(new JdbcSQLErrorCodesResolver().isDuplicateKeyViolation(wrapped))
                    .as("Axon's resolver misses it (why ours exists)").isFalse();
        }
    }

    @Test
    void aLostConnectionIsNotADuplicateKeyViolation() {
        SQLException lost = new SQLException("Connection is broken", "08006", 90067);
        assertThat(new DuplicateKeyResolver().isDuplicateKeyViolation(new IllegalStateException(lost))).isFalse();
        assertThat(new DuplicateKeyResolver().isDuplicateKeyViolation(new IllegalStateException("x"))).isFalse();
    }
}
