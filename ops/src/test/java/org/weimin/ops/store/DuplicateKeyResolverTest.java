package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

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
}
