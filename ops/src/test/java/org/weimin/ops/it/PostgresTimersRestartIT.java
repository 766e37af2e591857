package org.weimin.ops.it;

import java.nio.file.Path;

/**
 * {@link TimersRestartIT} on PostgreSQL: db-scheduler's {@code scheduled_tasks}, Axon's tokens and the event store in
 * the application's PostgreSQL database; timers that fell due while the service was down (stopped normally or killed
 * with SIGKILL, once right after its start) fire exactly once after the restart, and none that was due is left.
 */
class PostgresTimersRestartIT extends TimersRestartIT {

    @Override
    protected StoreUnderTest store(Path data) {
        return StoreUnderTest.postgres("timers", data);
    }
}
