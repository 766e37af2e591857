package org.weimin.ops.ledger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a checkpoint see a settled store: every append holds a shared lock from the moment its rows are written until
 * its transaction completes (commit or rollback); a checkpoint takes the exclusive lock just long enough to read the
 * head global index. So no transaction that is still open can later commit an event with a global index at or below a
 * checkpoint's head (which would make the next verification report a mismatch). One JVM only: several nodes writing
 * one store would need a database lock instead (not built; the service runs as one node).
 *
 * <p>Appends outside a Spring-managed transaction (no synchronization active) take no lock.
 */
public final class LedgerAppendGate {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Called by the append, inside its transaction: holds the shared lock until the transaction completes. */
    public void enterAppend() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        lock.readLock().lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                lock.readLock().unlock();
            }
        });
    }

    /**
     * Reads the head while no append is in flight.
     *
     * @param patience how long to wait for in-flight appends (new appends wait meanwhile)
     * @return the head, or -1 when appends did not settle within {@code patience}
     */
    public long settledHead(LongSupplier head, Duration patience) throws InterruptedException {
        if (!lock.writeLock().tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        try {
            return head.getAsLong();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
