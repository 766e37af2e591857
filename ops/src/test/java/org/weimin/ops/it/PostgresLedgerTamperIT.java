package org.weimin.ops.it;

import java.nio.file.Path;

/**
 * {@link LedgerTamperIT} on PostgreSQL: the same five kinds of direct edit, made over JDBC in the application's
 * PostgreSQL database while it is stopped, each reported at its first broken link by {@code weimin verify --url=...}
 * (the jar, reading PostgreSQL) and by the audit API after a restart; the same blind spot after the last checkpoint.
 */
class PostgresLedgerTamperIT extends LedgerTamperIT {

    @Override
    protected StoreUnderTest store(Path data) {
        return StoreUnderTest.postgres("ledger", data);
    }
}
