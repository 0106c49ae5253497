package org.rasteragg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/** Runs a task after warm-up several times; gives the median seconds and the peak heap. Not thread-safe. */
final class Timer {

    /**
     * @param medianSeconds median wall time of the repeats
     * @param peakHeapBytes sum of the heap pools' peaks: an upper bound that counts garbage not yet
     *     collected (young generation sized by the JVM, not by us)
     * @param peakLiveBytes the largest heap left after any collection during the repeats: what the
     *     run really held (state, chunks in flight, buffers)
     */
    record Result(double medianSeconds, long peakHeapBytes, long peakLiveBytes) {
    }

    private Timer() {
    }

    static Result time(int warmups, int repeats, Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] seconds = new double[repeats];
        long peak = 0;
        LiveHeap live = new LiveHeap();
        try {
            for (int i = 0; i < repeats; i++) {
                System.gc();
                resetPeaks();
                live.start();
                long t0 = System.nanoTime();
                task.run();
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                // What is still reachable at the end (the result and the state) counts too.
                live.stop();
                peak = Math.max(peak, peakHeap());
            }
        } finally {
            live.close();
        }
        Arrays.sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        return new Result(median, peak, live.peak());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the true peak (pools peak at different times). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
