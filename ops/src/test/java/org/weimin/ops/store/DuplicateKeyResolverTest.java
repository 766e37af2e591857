package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.junit.jupiter.api.Test;

/** A real H2 batch failing on a unique index is a duplicate key for us, though not for Axon's own resolver. */
class DuplicateKeyResolverTest {

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
