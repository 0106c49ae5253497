package org.rasteragg.zarr.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an interrupted run (Ctrl-C, SIGTERM) must remove or undo: the temporaries of the outputs
 * being written, a half-written table, a multipart upload in progress (S3). One JVM shutdown hook,
 * installed on first use, runs every action still registered; a finished output unregisters its
 * action. A normal exit finds nothing registered. The hook runs while the writing threads still
 * run: an action must first stop them from writing more (see {@code S3Store.putFile},
 * {@code StoppableStore} of the job module). Thread-safe.
 */
public final class InterruptCleanup {

    private static final Map<Long, Runnable> ACTIONS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static volatile boolean installed;

    private InterruptCleanup() {
    }

    /**
     * Registers {@code action} to run if the JVM shuts down before the returned handle is run.
     *
     * @return the handle that unregisters it (idempotent)
     */
    public static Runnable register(Runnable action) {
        install();
        long id = NEXT.incrementAndGet();
        ACTIONS.put(id, action);
        return () -> ACTIONS.remove(id);
    }

    private static void install() {
        if (installed) {
            return;
        }
        synchronized (InterruptCleanup.class) {
            if (!installed) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(InterruptCleanup::runAll, "rasteragg-cleanup"));
                } catch (IllegalStateException e) {
                    // Already shutting down: nothing can be registered any more.
                }
                installed = true;
            }
        }
    }

    private static void runAll() {
        for (Long id : ACTIONS.keySet()) {
            Runnable a = ACTIONS.remove(id);
            if (a != null) {
                try {
                    a.run();
                } catch (RuntimeException e) {
                    // The next action still runs; a later run's stale check catches what is left.
                }
            }
        }
    }
}
