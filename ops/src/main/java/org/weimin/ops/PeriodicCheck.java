package org.weimin.ops;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A Spring lifecycle component that runs {@link #check()} every period (first after one period) on a daemon thread of
 * its own ({@link PeriodicTask}), from the application's start to its stop.
 */
public abstract class PeriodicCheck implements SmartLifecycle {
    private final String threadName;
    private final Duration period;
    private PeriodicTask timer;

    /** @param period positive; also the delay before the first check */
    protected PeriodicCheck(String threadName, Duration period) {
        this.threadName = threadName;
        this.period = period;
    }

    /** One check. It must catch its own failures: a check that throws is not run again. */
    protected abstract void check();

    @Override
    public synchronized void start() {
        timer = PeriodicTask.start(threadName, period, this::check);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null && timer.running();
    }
}
