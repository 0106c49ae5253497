package org.rasteragg.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.table.AggregationResult;

/**
 * Measures one dataset: the scan floor, rasteragg with every statistic in one pass, and
 * (optionally) each statistic alone, all on the same arrays in one JVM. Not thread-safe.
 */
final class BenchRunner {

    private final int warmups;
    private final int repeats;

    BenchRunner(int warmups, int repeats) {
        this.warmups = warmups;
        this.repeats = repeats;
    }

    /**
     * @param name dataset name for the table
     * @param storage how the arrays are stored ("zarr-blosc-lz4", "in-memory")
     * @param labels (z, y, x) mask
     * @param image (c, z, y, x) image
     * @param threads worker threads for the scan and the engine
     * @param eachStatistic also time every statistic alone
     */
    List<Measurement> measure(String name, String storage, ChunkedArray labels, ChunkedArray image, int threads,
            boolean eachStatistic, boolean singleThread) {
        long voxels = labels.grid().elementCount();
        long maskBytes = voxels * labels.dtype().byteSize();
        long imageBytes = image.grid().elementCount() * image.dtype().byteSize();
        long bytes = maskBytes + imageBytes;
        // The scan, all statistics and (for thread scaling) all statistics on one thread are timed in
        // turn, so that each ratio compares runs on the same state of a shared machine.
        List<Runnable> tasks = new ArrayList<>();
        tasks.add(() -> ChunkScan.scan(List.of(labels, image), threads));
        RasterAggregator aggregator = RasterAggregator.builder().mask(labels).image(image).threads(threads).build();
        AggregationResult[] last = new AggregationResult[1];
        tasks.add(aggregateAll(aggregator, Statistic.all(), last));
        if (singleThread) {
            RasterAggregator one = RasterAggregator.builder().mask(labels).image(image).threads(1).build();
            tasks.add(aggregateAll(one, Statistic.all(), last));
        }
        List<Timer.Result> times = Timer.timeAlternating(warmups, repeats, tasks);
        List<Measurement> rows = new ArrayList<>();
        Timer.Result scan = times.get(0);
        Measurement scanRow = new Measurement(name, "scan", storage, threads, scan.medianSeconds(), voxels, 0, bytes,
                scan.peakHeapBytes(), scan.peakLiveBytes(), 1.0, Double.NaN);
        rows.add(scanRow);
        long found = last[0].rowCount();
        if (found == 0) {
            throw new IllegalStateException("no labels found in " + name);
        }
        last[0] = null;
        Measurement all = row(name, "all", storage, threads, times.get(1), voxels, found, bytes)
                .withRatio(times.get(1).pairedRatio(scan));
        if (singleThread) {
            all = all.withSpeedup(times.get(2).pairedRatio(times.get(1)));
        }
        rows.add(all);
        if (singleThread) {
            rows.add(row(name, "all", storage, 1, times.get(2), voxels, found, bytes)
                    .withRatio(times.get(2).pairedRatio(scan)));
        }
        if (eachStatistic) {
            for (Statistic s : Statistic.values()) {
                long statBytes = s.needsImage() ? bytes : maskBytes;
                // Timed after the others: the ratio of medians.
                Measurement m = run(name, storage, aggregator, EnumSet.of(s), s.key(), voxels, statBytes, threads);
                rows.add(m.withRatio(m.seconds() / scanRow.seconds()));
            }
        }
        return rows;
    }

    /** Computes the statistics, dropping the previous repeat's result first (so heap figures count one). */
    private static Runnable aggregateAll(RasterAggregator aggregator, Set<Statistic> stats, AggregationResult[] last) {
        return () -> {
            last[0] = null;
            last[0] = aggregator.aggregateAll(stats, null);
        };
    }

    private static Measurement row(String name, String method, String storage, int threads, Timer.Result t,
            long voxels, long labels, long bytes) {
        return new Measurement(name, method, storage, threads, t.medianSeconds(), voxels, labels, bytes,
                t.peakHeapBytes(), t.peakLiveBytes(), Double.NaN, Double.NaN);
    }

    /** Times {@code tasks} in turn, as the other figures are (warm-ups, then repeats). */
    List<Timer.Result> timeInTurn(List<Runnable> tasks) {
        return Timer.timeAlternating(warmups, repeats, tasks);
    }

    /** A named mask and image. */
    record Input(String name, ChunkedArray labels, ChunkedArray image) {
    }

    /** Times rasteragg alone (no scan row) on each input, in turn, e.g. for label scaling. */
    List<Measurement> measureAllInTurn(List<Input> inputs, String storage, int threads) {
        List<Runnable> tasks = new ArrayList<>();
        long[] found = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            RasterAggregator aggregator = RasterAggregator.builder().mask(in.labels()).image(in.image())
                    .threads(threads).build();
            int at = i;
            tasks.add(() -> found[at] = aggregator.aggregateAll(Statistic.all(), null).rowCount());
        }
        List<Timer.Result> times = Timer.timeAlternating(warmups, repeats, tasks);
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            long voxels = in.labels().grid().elementCount();
            long bytes = voxels * in.labels().dtype().byteSize()
                    + in.image().grid().elementCount() * in.image().dtype().byteSize();
            rows.add(row(in.name(), "all", storage, threads, times.get(i), voxels, found[i], bytes));
        }
        return rows;
    }

    private Measurement run(String name, String storage, RasterAggregator aggregator, Set<Statistic> stats,
            String method, long voxels, long bytes, int threads) {
        AggregationResult[] last = new AggregationResult[1];
        Timer.Result t = Timer.time(warmups, repeats, aggregateAll(aggregator, stats, last));
        if (last[0].rowCount() == 0) {
            throw new IllegalStateException("no labels found in " + name);
        }
        return row(name, method, storage, threads, t, voxels, last[0].rowCount(), bytes);
    }
}
