package org.weimin.ops.admin;

import java.time.Instant;

/**
 * Progress of a group's latest rebuild.
 *
 * @param group           the processing group
 * @param state           {@code NOT_STARTED} (none since this service started), {@code RUNNING}, {@code DONE}
 * @param processed       events of the store replayed so far (of those that existed when the rebuild started)
 * @param total           events in the store when the rebuild started; events appended later are processed after
 *                        the replay, as live events, and are not counted here
 * @param eventsPerSecond {@code processed} divided by the seconds elapsed from start to finish (or to now while
 *                        running), measured on the monotonic timer; 0 before the first second's fraction is measurable
 * @param done            whether the replay has caught up with every event that existed at the start
 * @param startedAt       when it started (application clock); null when not started
 * @param finishedAt      when it was seen caught up (application clock; observed within about 100 ms); null until then
 */
public record RebuildProgress(String group, String state, long processed, long total, double eventsPerSecond,
                              boolean done, Instant startedAt, Instant finishedAt) {

    /** No rebuild of {@code group} since this service started. */
    public static RebuildProgress notStarted(String group) {
        return new RebuildProgress(group, "NOT_STARTED", 0, 0, 0, false, null, null);
    }
}
