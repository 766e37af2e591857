package org.weimin.ops.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells Hikari to drop a pooled connection whose database went away, so that the pool opens fresh ones once the store
 * is back (issue 8, store mode: "service resumes by itself").
 *
 * <p>Hikari evicts a connection on SQLState class {@code 08} (connection exception), and otherwise only when it checks
 * a connection idle for more than half a second. H2's client reports a server that died and came back as
 * {@code 90067} ("connection is broken") once and then {@code 90121} ("database is already closed") with its own
 * SQLStates, not {@code 08}: under steady load no connection was ever idle long enough to be checked, so the pool
 * kept handing out dead connections and every command answered 503 long after the store had restarted
 * (StoreRestartIT). This override evicts on those H2 codes and leaves every other decision to Hikari.
 * Configured by {@code spring.datasource.hikari.exception-override-class-name} (application.yml).
 */
public class LostConnectionOverride implements SQLExceptionOverride {
    /** H2: the connection to the server is broken. */
    static final int CONNECTION_BROKEN = 90067;
    /** H2: the database was closed (e.g. by the server's restart) under a live session. */
    static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;
    /** H2: the database has been closed. */
    static final int DATABASE_IS_CLOSED = 90098;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (isH2LostDatabase(s)) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }

    /** H2's codes for a database that went away under a session (not SQLState class {@code 08}). */
    static boolean isH2LostDatabase(SQLException s) {
        int code = s.getErrorCode();
        return code == CONNECTION_BROKEN || code == DATABASE_CALLED_AT_SHUTDOWN || code == DATABASE_IS_CLOSED;
    }

    /**
     * Hikari's answer on a connection it dropped after a fatal error (its {@code ProxyConnection.ClosedConnection}:
     * "Connection is closed", without a SQLState): the rest of that transaction meets it.
     */
    static boolean isDroppedByPool(SQLException s) {
        StackTraceElement[] frames = s.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
    }

    /**
     * Whether {@code failure} (or anything in its cause chain, or a chained next exception) says the connection to
     * the database was lost: SQLState class {@code 08}, H2's lost-database codes, or a connection the pool dropped.
     * Used to answer a command that was in flight when the store went away with a retryable 503 instead of a 500.
     */
    public static boolean isLostConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if ((state != null && state.startsWith("08")) || isH2LostDatabase(s) || isDroppedByPool(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
