package org.weimin.ops.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend made to commit after every command that changed something, so that an
 * acknowledged read-model write survives a process crash (the stock backend commits about once a second;
 * stack-notes "MongoDB for read models"). Survives a process crash, not a power loss (no fsync per commit).
 */
public class CommittingH2Backend extends H2Backend {

    private final MVStore store;

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
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commitIfChanged();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            commitIfChanged();
        }
    }

    private void commitIfChanged() {
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
    }
}
