package org.weimin.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up steps that read or write the event store (the calendar's and the reference data's replays, the
 * reference files' deployment, the first-run administrator), run in the order they are given.
 *
 * <p>With the embedded JDBC store ({@code deferrable} false) a step runs at once and its failure stops the start, as
 * before. With Axon Server as the event store (the {@code axonserver} profile) a step that fails while Axon Server is
 * unreachable ({@code reachable} says so) is <b>deferred</b>, and so is every later step (their order matters: the
 * deployment compares the files with the replayed model): the service starts, its readiness is DOWN
 * ({@code AxonServerReachability}) and {@link #runPending()} runs them once the connection is there. The only log line
 * is the reachability's; a deferral logs at debug.
 */
public class StoreStartupSteps {
    private static final Logger log = LoggerFactory.getLogger(StoreStartupSteps.class);

    /** One step; may throw anything (a deferred step's failure is kept for the health details). */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private record Named(String name, Step step) {
    }

    private final boolean deferrable;
    private final BooleanSupplier reachable;
    private final List<Named> pending = new ArrayList<>();
    private String lastFailure;

    /**
     * @param deferrable whether failures may be deferred (Axon Server is the event store)
     * @param reachable  whether the event store can be reached now (asked after a step failed)
     */
    public StoreStartupSteps(boolean deferrable, BooleanSupplier reachable) {
        this.deferrable = deferrable;
        this.reachable = reachable;
    }

    /**
     * Runs {@code step} now, or queues it behind steps already deferred.
     *
     * @throws Exception the step's failure when it cannot be deferred (embedded store, or the store is reachable)
     */
    public synchronized void run(String name, Step step) throws Exception {
        if (!pending.isEmpty()) {
            pending.add(new Named(name, step));
            return;
        }
        try {
            step.run();
        } catch (Exception e) {
            if (!deferrable || reachable.getAsBoolean()) {
                throw e;
            }
            lastFailure = e.toString();
            log.debug("Start-up step '{}' deferred until Axon Server is reachable: {}", name, e.toString());
            pending.add(new Named(name, step));
        }
    }

    /**
     * Runs the deferred steps in order, stopping at the first that fails again (it stays pending with the rest).
     *
     * @return whether none is pending any more
     */
    public synchronized boolean runPending() {
        while (!pending.isEmpty()) {
            Named next = pending.get(0);
            try {
                next.step().run();
                log.info("Deferred start-up step '{}' done", next.name());
                pending.remove(0);
            } catch (Exception e) {
                if (!e.toString().equals(lastFailure)) {
                    log.warn("Deferred start-up step '{}' failed again; retried when Axon Server is reachable: {}",
                            next.name(), e.toString());
                }
                lastFailure = e.toString();
                return false;
            }
        }
        return true;
    }

    /** The names of the deferred steps, in order; empty once all ran. */
    public synchronized List<String> pending() {
        return pending.stream().map(Named::name).toList();
    }

    /** The last failure of a deferred step ({@code toString()} of the exception), or null. */
    public synchronized String lastFailure() {
        return pending.isEmpty() ? null : lastFailure;
    }
}
