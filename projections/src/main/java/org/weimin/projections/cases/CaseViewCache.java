package org.weimin.projections.cases;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Case documents by tracking number, for the public lookup (issue 6: 200 lookups/s during load must not each read the
 * embedded MongoDB). Kept exact by the one writer of the documents in this service, {@link CaseViews}: every write
 * replaces the entry with the document written, and a reset empties the cache.
 *
 * <p>Races are settled by the case sequence and a generation: an entry is only ever replaced by a document with an
 * equal or higher {@code lastSequence}, so a reader that fetched a document before a write cannot put the older
 * document back after it; and a read begun before a reset ({@link #clear()}) cannot put its document into the cache
 * after it. Misses (unknown tracking numbers) are not remembered, so a case shows as soon as its document is written.
 *
 * <p>Exact only while this service is the only writer of the collection: with several service nodes sharing one
 * MongoDB (each node's processor handling some segments), set {@code weimin.read-models.public-cache-size=0} (the
 * default with {@code weimin.store.address}).
 * The documents handed out are shared: callers must not change them.
 */
final class CaseViewCache {
    private record Entry(long generation, CaseView view) {
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();

    /** @param maximumSize documents kept (least recently used go first); 0 keeps none */
    CaseViewCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The cached document, or null. */
    CaseView get(String trackingNumber) {
        Entry entry = entries.getIfPresent(trackingNumber);
        return entry == null || entry.generation() != generation.get() ? null : entry.view();
    }

    /** The generation to pass to {@link #read} for a read about to start. */
    long generation() {
        return generation.get();
    }

    /** A document read from the store in {@code readGeneration}: kept unless a reset or a later write came first. */
    void read(long readGeneration, CaseView view) {
        put(readGeneration, view);
    }

    /** A document just written to the store: replaces an earlier state of the case. */
    void written(CaseView view) {
        put(generation.get(), view);
    }

    /** Forgets every document; reads begun before this call put nothing afterwards. */
    void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    private void put(long at, CaseView view) {
        if (view.trackingNumber == null) {
            return;
        }
        entries.asMap().compute(view.trackingNumber, (key, old) -> {
            long now = generation.get();
            if (at != now) {
                return old != null && old.generation() == now ? old : null;
            }
            if (old != null && old.generation() == now && old.view().lastSequence > view.lastSequence) {
                return old;
            }
            return new Entry(now, view);
        });
    }
}
