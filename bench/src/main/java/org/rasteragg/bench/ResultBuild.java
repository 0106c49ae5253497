package org.rasteragg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;

/**
 * The time to build the result (AggregationResult.computeAndRelease: every default statistic's
 * columns from the merged state) of 10^7 labels x 4 channels, the figure: a 4000 x 5000
 * mask of two-voxel cells and 4 uint16 channels in memory, aggregated, then the result built and
 * timed alone. In a child JVM with a heap of {@link #HEAP_BYTES}, since state and result of 10^7
 * labels x 4 channels take 5 GB; each repeat aggregates afresh (building the result releases the
 * state). Beside each build the child times the floor of any build that materialises the columns:
 * as many fresh arrays of 10^7 values as the result holds, allocated and written once in sequence on
 * the same threads (the JVM zeroes each, the kernel maps its pages, then one store per value).
 */
final class ResultBuild {

    /** Method name of the row. */
    static final String METHOD = "result-build";
    /** Method name of the row of the floor beside it. */
    static final String FLOOR = "result-floor";
    static final String DATASET = "labels-10m-4ch";
    static final long LABELS = 10_000_000;
    static final long HEAP_BYTES = 8L << 30;
    private static final int NY = 4000;
    private static final int NX = 5000;
    static final long VOXELS = (long) NY * NX;
    private static final int CHANNELS = 4;

    /**
     * What the child measured: the median wall seconds of the builds, of their GC pauses and of the
     * process's CPU time during them (the figure a shared machine leaves stable), the median seconds of
     * the floor (fresh columns as many and as long as the result's, written once) and how many columns
     * that is, or why it failed.
     */
    record Outcome(boolean completed, double seconds, double gcSeconds, double cpuSeconds, double floorSeconds,
            int columns, String detail) {

        static Outcome failed(String why) {
            return new Outcome(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, why);
        }
    }

    private ResultBuild() {
    }

    /** Child entry point: {@code <threads> <repeats>}; prints the median build seconds. */
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        int[] labels = new int[NY * NX];
        short[] values = new short[CHANNELS * NY * NX];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 2 + 1;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) ((i * 2654435761L >>> 20) & 0xfff);
        }
        InMemoryArray mask = new InMemoryArray(DType.UINT32, labels, new long[] {1, NY, NX}, new int[] {1, 1000, 1250});
        InMemoryArray image = new InMemoryArray(DType.UINT16, values, new long[] {CHANNELS, 1, NY, NX},
                new int[] {1, 1, 1000, 1250});
        Features features = Features.of(Statistic.all());
        double[] seconds = new double[repeats + 1];
        double[] gc = new double[repeats + 1];
        double[] cpu = new double[repeats + 1];
        double[] floor = new double[repeats + 1];
        int columns = 0;
        for (int i = 0; i <= repeats; i++) {
            LabelState state = AggregationEngine.run(mask, image, features, EngineOptions.defaults().withThreads(threads));
            System.gc();
            long gc0 = gcMillis();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            AggregationResult r = AggregationResult.computeAndRelease(state, Statistic.all(), null, DType.UINT16,
                    "cell_ID", "shapeSize", threads);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            gc[i] = (gcMillis() - gc0) / 1e3;
            cpu[i] = (cpuNanos() - cpu0) / 1e9;
            if (r.rowCount() != LABELS) {
                throw new IllegalStateException(r.rowCount() + " rows, expected " + LABELS);
            }
            columns = columnCount(r);
            r = null; // the floor's columns take the result's place in the heap
            System.gc();
            floor[i] = freshColumnsSeconds(columns, (int) LABELS, threads);
        }
        // The first build warms the JIT: not counted.
        System.out.printf(Locale.ROOT, "%.4f %.4f %.4f %.4f %d%n", median(seconds), median(gc), median(cpu),
                median(floor), columns);
    }

    /** The arrays of one value per row the result holds: labels, counts, centers, one per statistic and channel. */
    private static int columnCount(AggregationResult r) {
        int columns = 2;
        for (Statistic s : r.statistics()) {
            columns += s == Statistic.CENTER ? 3 : s == Statistic.COUNT ? 0 : r.channels();
        }
        return columns;
    }

    /**
     * Seconds to allocate {@code columns} arrays of {@code rows} doubles and write each once in
     * sequence, the columns spread over {@code threads} threads: what materialising them costs at the
     * least, whatever computes their values.
     */
    static double freshColumnsSeconds(int columns, int rows, int threads) {
        double[][] made = new double[columns][];
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers[t] = new Thread(() -> {
                for (int c = first; c < columns; c += threads) {
                    double[] v = new double[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = i * 0.5;
                    }
                    made[c] = v;
                }
            });
            workers[t].start();
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (double[] v : made) {
            if (v == null || v.length != rows || (rows > 1 && v[rows - 1] != (rows - 1) * 0.5)) {
                throw new IllegalStateException("a fresh column was not written");
            }
        }
        return seconds;
    }

    private static double median(double[] withWarmup) {
        return Timer.upperMedian(Arrays.copyOfRange(withWarmup, 1, withWarmup.length));
    }

    /** CPU time of this process so far, every thread's (the collectors' too). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Milliseconds the collectors have paused so far. */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Runs {@link #main} in a child JVM. */
    static Outcome run(int threads, int repeats) {
        List<String> command = MemoryProbe.javaCommand(HEAP_BYTES, ResultBuild.class);
        command.addAll(List.of(Integer.toString(threads), Integer.toString(Math.max(1, repeats))));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Outcome.failed("timed out after 10 minutes");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            String[] figures = last.split(" ");
            return p.exitValue() == 0 ? new Outcome(true, Double.parseDouble(figures[0]),
                    Double.parseDouble(figures[1]), Double.parseDouble(figures[2]), Double.parseDouble(figures[3]),
                    Integer.parseInt(figures[4]), "completed")
                    : Outcome.failed("failed (exit " + p.exitValue() + "): " + last);
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Outcome.failed("could not run the child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }
}
