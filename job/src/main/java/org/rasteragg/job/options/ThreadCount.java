package org.rasteragg.job.options;

import org.rasteragg.job.JobException;

/**
 * The bound on {@code --threads}: at least 1 and at most {@link #max()} (4 per available processor,
 * never more than 1024), so that a typo such as {@code --threads 100000} is a usage error at once
 * rather than "unable to create native thread" after a minute.
 */
public final class ThreadCount {

    private ThreadCount() {
    }

    /** The largest thread count accepted on this machine. */
    public static int max() {
        return Math.min(1024, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads --threads, or null when not given
     * @return the thread count, 0 for "the available processors"
     * @throws JobException (usage) naming the option and value when out of range
     */
    public static int check(Integer threads) {
        if (threads == null) {
            return 0;
        }
        if (threads < 1 || threads > max()) {
            throw JobException.usage("--threads " + threads + ": give 1.." + max() + " (4 per processor of this "
                    + "machine at most)");
        }
        return threads;
    }
}
