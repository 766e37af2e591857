package org.weimin.ops.store;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * Tells Axon's event store that an append failed on the unique (case, sequence) index, so that it throws its
 * {@code ConcurrencyException} (answered 409 {@code CONCURRENT_MODIFICATION}, retryable) instead of a generic
 * {@code EventStoreException} (a 500). Replaces Axon's {@code JdbcSQLErrorCodesResolver}, which only walks
 * {@link Throwable#getCause()}: our appends are JDBC batches ({@code HashingAppendEvents}), and H2 reports a failed
 * batch as a {@link java.sql.BatchUpdateException} that carries the violation as its <em>next exception</em>, not as
 * its cause. With one node Axon's per-aggregate lock kept two appends to one case apart, so this never showed; two
 * nodes on a shared store (issue 8) meet on the index. A violation is SQLState {@code 23505} (H2 and PostgreSQL),
 * H2's error codes 23505/23001, or any {@link SQLIntegrityConstraintViolationException}.
 */
@Component
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return violation(exception, seen);
    }

    private static boolean violation(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLIntegrityConstraintViolationException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            if ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 23505 || sql.getErrorCode() == 23001) {
                return true;
            }
            if (violation(sql.getNextException(), seen)) {
                return true;
            }
        }
        return violation(t.getCause(), seen);
    }
}
