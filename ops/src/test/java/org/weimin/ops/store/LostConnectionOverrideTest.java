package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures make Hikari drop a pooled connection at once. */
class LostConnectionOverrideTest {
    private final LostConnectionOverride override = new LostConnectionOverride();

    @Test
    void h2sCodesForADatabaseThatWentAwayEvict() {
        assertThat(override.adjudicate(new SQLException("Database is already closed", "90121", 90121)))
                .isEqualTo(Override.MUST_EVICT);
        assertThat(override.adjudicate(new SQLException("Connection is broken", "90067", 90067)))
                .isEqualTo(Override.MUST_EVICT);
        SQLException batch = new SQLException("batch failed", "HY000", 0);
        batch.setNextException(new SQLException("The database has been closed", "90098", 90098));
        assertThat(override.adjudicate(batch)).isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void everythingElseIsLeftToHikari() {
        assertThat(override.adjudicate(new SQLException("duplicate key", "23505", 23505)))
                .isEqualTo(Override.CONTINUE_EVICT);
        assertThat(override.adjudicate(new SQLException("syntax", "42000", 42000))).isEqualTo(Override.CONTINUE_EVICT);
    }

    @Test
    void aLostConnectionAnywhereInTheChainIsRecognised() {
        Exception rollback = new IllegalStateException("JDBC rollback failed",
                new SQLException("Connection is closed", "08003"));
        assertThat(LostConnectionOverride.isLostConnection(rollback)).isTrue();
        assertThat(LostConnectionOverride.isLostConnection(new RuntimeException(
                new SQLException("Database is already closed", "90121", 90121)))).isTrue();
        assertThat(LostConnectionOverride.isLostConnection(new RuntimeException(
                new SQLException("duplicate key", "23505", 23505)))).isFalse();
        assertThat(LostConnectionOverride.isLostConnection(new IllegalStateException("no SQL"))).isFalse();
    }
}
