package org.rasteragg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a task after warm-up several times; gives the median seconds and the peak heap. Not thread-safe. */
final class Timer {

    /**
     * @param medianSeconds median wall time of the repeats
     * @param peakHeapBytes sum of the heap pools' peaks: an upper bound that counts garbage not yet
     *     collected (young generation sized by the JVM, not by us)
     * @param peakLiveBytes the largest heap left after any collection during the repeats: what the
     *     run really held (state, chunks in flight, buffers)
     */
    record Result(double medianSeconds, long peakHeapBytes, long peakLiveBytes, double[] seconds) {

        /** The median over repeats of this run's time divided by {@code other}'s run of the same round. */
        double pairedRatio(Result other) {
            double[] r = new double[seconds.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = seconds[i] / other.seconds[i];
            }
            return median(r);
        }
    }

    private Timer() {
    }

    static Result time(int warmups, int repeats, Runnable task) {
        return timeAlternating(warmups, repeats, List.of(task)).get(0);
    }

    /**
     * Times several tasks in turn (A, B, A, B, ...) so that they see the same machine: on a shared
     * VM the speed drifts by tens of percent within a minute, and a ratio of two figures timed
     * a minute apart would measure the drift.
     */
    static List<Result> timeAlternating(int warmups, int repeats, List<Runnable> tasks) {
        for (int i = 0; i < warmups; i++) {
            tasks.forEach(Runnable::run);
        }
        int n = tasks.size();
        double[][] seconds = new double[n][repeats];
        long[] peak = new long[n];
        List<LiveHeap> live = new ArrayList<>();
        try {
            for (int t = 0; t < n; t++) {
                live.add(new LiveHeap());
            }
            for (int i = 0; i < repeats; i++) {
                for (int t = 0; t < n; t++) {
                    System.gc();
                    resetPeaks();
                    live.get(t).start();
                    long t0 = System.nanoTime();
                    tasks.get(t).run();
                    seconds[t][i] = (System.nanoTime() - t0) / 1e9;
                    // What is still reachable at the end (the result and the state) counts too.
                    live.get(t).stop();
                    peak[t] = Math.max(peak[t], peakHeap());
                }
            }
        } finally {
            live.forEach(LiveHeap::close);
        }
        List<Result> results = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            results.add(new Result(median(seconds[t]), peak[t], live.get(t).peak(), seconds[t]));
        }
        return results;
    }

    /**
     * The upper of the two middle values of {@code values} (the median for an odd count): a figure
     * one of the runs gave, as the child-process rows report.
     */
    static double upperMedian(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double median(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
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
