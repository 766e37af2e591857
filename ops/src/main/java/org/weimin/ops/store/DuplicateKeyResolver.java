package org.weimin.ops.store;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Tells Axon's JDBC event store which failed append is a concurrent one: a duplicate (aggregateIdentifier,
 * sequenceNumber) means another writer appended at that sequence first, which Axon then reports as a
 * {@code ConcurrencyException} (our retryable 409 {@code CONCURRENT_MODIFICATION}) instead of an
 * {@code EventStoreException} (a 500).
 *
 * <p>Axon's auto-configured {@link JdbcSQLErrorCodesResolver} only recognises a
 * {@code SQLIntegrityConstraintViolationException} in the cause chain, which H2 throws and PostgreSQL's driver never
 * does (it throws {@code PSQLException}, inside a {@code BatchUpdateException} for Axon's batched insert): on
 * PostgreSQL two nodes racing for one case's next sequence got a 500 (PostgresConcurrentWritersIT). This resolver keeps
 * that rule and adds the SQL standard's state for a unique violation, {@code 23505}, found in the cause chain or in a
 * batch's chained next exceptions.
 */
public final class DuplicateKeyResolver implements PersistenceExceptionResolver {
    /** SQLSTATE class 23 (integrity constraint violation), subclass 505: unique violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final JdbcSQLErrorCodesResolver axonDefault = new JdbcSQLErrorCodesResolver();

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return axonDefault.isDuplicateKeyViolation(exception) || hasUniqueViolation(exception);
    }

    private static boolean hasUniqueViolation(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                int chained = 0;
                for (SQLException e = sql; e != null && chained < 20; e = e.getNextException(), chained++) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The resolver bean, in place of Axon's auto-configured one. */
    @Configuration(proxyBeanMethods = false)
    static class DuplicateKeyConfiguration {
        @Bean
        @Primary
        PersistenceExceptionResolver duplicateKeyResolver() {
            return new DuplicateKeyResolver();
        }
    }
}
