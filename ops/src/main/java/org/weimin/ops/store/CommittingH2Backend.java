package org.weimin.ops.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend made to commit after every command that changed something, so that an
 * acknowledged read-model write survives a process crash (the stock backend commits about once a second;
 * stack-notes "MongoDB for read models"). Survives a process crash, not a power loss (no fsync per commit).
 *
 * <p>The backend writes a document and its indexes as separate, non-transactional map updates, and the server runs
 * commands on several threads at once. A commit therefore waits until no command is half-way through: commands share
 * a read lock, a commit takes the (fair) write lock. Without it one thread's commit could store another thread's
 * document without its {@code _id} index entry; after a crash that document is invisible to queries and every upsert
 * of it fails with "already existed".
 */
public class CommittingH2Backend extends H2Backend {

    private final MVStore store;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock(true);

    private CommittingH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    /** Opens (or creates) the backend's file. */
    public static CommittingH2Backend open(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        return new CommittingH2Backend(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return run(() -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return run(() -> super.handleMessage(message));
    }

    /**
     * Runs one command of the server under the shared lock, then commits what changed once no command is in flight.
     * Package-visible for the test that holds a command half-way.
     */
    <T> T run(Supplier<T> command) {
        commitLock.readLock().lock();
        try {
            return command.get();
        } finally {
            commitLock.readLock().unlock();
            commitIfChanged();
        }
    }

    private void commitIfChanged() {
        if (!store.hasUnsavedChanges()) {
            return;
        }
        commitLock.writeLock().lock();
        try {
            if (store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** Whether a commit is waiting for commands in flight, for tests. */
    boolean commitWaiting() {
        return commitLock.hasQueuedThreads();
    }

    /** The store's file, for tests. */
    MVStore store() {
        return store;
    }
}
