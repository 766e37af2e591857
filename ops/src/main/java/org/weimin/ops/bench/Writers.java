package org.weimin.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Concurrent writer threads for the baselines: each runs one task; the first failure is rethrown at the end. */
final class Writers {
    /** One writer's work; may fail with any exception. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private Writers() {
    }

    /**
     * Runs {@code task} on {@code threads} threads named {@code name-N} and waits for all of them.
     *
     * @param failure wraps the first failure of any writer, thrown after all have ended
     * @return the wall-clock seconds from the first start to the last end
     */
    static <E extends Exception> double run(int threads, String name, Task task,
                                            java.util.function.Function<Exception, E> failure)
            throws E, InterruptedException {
        List<Thread> writers = new ArrayList<>();
        List<Exception> errors = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    errors.add(e);
                }
            }, name + "-" + i);
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) {
            throw failure.apply(errors.get(0));
        }
        return seconds;
    }
}
