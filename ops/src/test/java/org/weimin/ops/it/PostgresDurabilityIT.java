package org.weimin.ops.it;

import java.nio.file.Path;
import java.util.Random;

/**
 * {@link DurabilityIT} on PostgreSQL: the same mix of every case command by eight clients, the application killed with
 * SIGKILL under load and restarted, and the same checks of the event store at the end (every acknowledged command's
 * events exactly once at its acknowledged sequence, sequences 0..n-1 per case, every B-tree index of the event table
 * consistent with its rows by {@code amcheck}, sealed names open) and of the read models after a last restart. Events,
 * tracking tokens, timers, keys and the case directory are in a database of the build's throwaway cluster (the
 * {@code postgres} profile); the read models stay in the embedded MongoDB.
 *
 * <p>Fewer kills than on H2 to keep the CI time of the PostgreSQL tests within about four minutes
 * ({@code weimin.durability.postgres.kills}, default 6), each after a longer load phase (1.5-4 s instead of 0.3-1.5 s),
 * so that about as many commands of every kind are acknowledged and checked as in the H2 run.
 */
class PostgresDurabilityIT extends DurabilityIT {

    @Override
    protected int kills() {
        return Integer.getInteger("weimin.durability.postgres.kills", 6);
    }

    @Override
    protected long loadPhaseMillis(Random random) {
        return 1500 + random.nextInt(2501);
    }

    @Override
    protected StoreUnderTest store(Path data) {
        return StoreUnderTest.postgres("durability", data);
    }
}
