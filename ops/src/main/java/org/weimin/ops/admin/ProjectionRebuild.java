package org.weimin.ops.admin;

/**
 * How one processing group's read model is rebuilt from the events, looked up by group name
 * ({@link ProjectionRebuilds}). A group with no bean of its own gets {@link TokenResetRebuild} when a replay is safe
 * for it (shut the processor down, reset its tokens, let its {@code @ResetHandler}s clear the read model, start).
 *
 * <p>To rebuild a group differently, declare a Spring bean implementing this interface whose {@link #group()} is the
 * group's name; it takes precedence over the default. For example, an Elasticsearch projection may build into a new
 * index and switch an alias when it has caught up, leaving the old index in service meanwhile. Implementations are
 * called from HTTP threads and must be thread-safe.
 */
public interface ProjectionRebuild {

    /** The processing group this strategy rebuilds. */
    String group();

    /**
     * Starts a rebuild and returns at once (the replay runs on the group's own threads). Events appended while it
     * runs must not be lost: they are processed after the replay has caught up.
     *
     * @return the progress right after the start
     * @throws org.weimin.events.DomainException {@link org.weimin.events.ErrorCode#REBUILD_IN_PROGRESS} while an
     *                                           earlier rebuild of the group is still running
     */
    RebuildProgress start();

    /** The progress of the latest rebuild since this service started ({@link RebuildProgress#notStarted}: none). */
    RebuildProgress progress();
}
