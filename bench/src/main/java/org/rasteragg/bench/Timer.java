package org.rasteragg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/** Runs a task after warm-up several times; gives the median seconds and the peak heap. Not thread-safe. */
final class Timer {

    record Result(double medianSeconds, long peakHeapBytes) {
    }

    private Timer() {
    }

    static Result time(int warmups, int repeats, Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] seconds = new double[repeats];
        long peak = 0;
        for (int i = 0; i < repeats; i++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            task.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, peakHeap());
        }
        Arrays.sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        return new Result(median, peak);
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
