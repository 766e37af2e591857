package org.weimin.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run every {@code period} (first after one period) on a daemon thread of its own, until {@link #close()}.
 * A task that throws is not run again (as with {@link ScheduledExecutorService}): tasks catch their own failures.
 */
public final class PeriodicTask implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private PeriodicTask(String threadName, Duration period, Runnable task) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code task} every {@code period} (positive) on a daemon thread named {@code threadName}. */
    public static PeriodicTask start(String threadName, Duration period, Runnable task) {
        return new PeriodicTask(threadName, period, task);
    }

    /** Whether it still runs. */
    public boolean running() {
        return !timer.isShutdown();
    }

    /** Stops the task (interrupting a run in progress). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
