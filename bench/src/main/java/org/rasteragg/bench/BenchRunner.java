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
            boolean eachStatistic) {
        long voxels = labels.grid().elementCount();
        long maskBytes = voxels * labels.dtype().byteSize();
        long imageBytes = image.grid().elementCount() * image.dtype().byteSize();
        List<Measurement> rows = new ArrayList<>();
        Timer.Result scan = Timer.time(warmups, repeats, () -> ChunkScan.scan(List.of(labels, image), threads));
        Measurement scanRow = new Measurement(name, "scan", storage, threads, scan.medianSeconds(), voxels, 0,
                maskBytes + imageBytes, scan.peakHeapBytes(), scan.peakLiveBytes(), 1.0);
        rows.add(scanRow);
        RasterAggregator aggregator = RasterAggregator.builder().mask(labels).image(image).threads(threads).build();
        rows.add(run(name, storage, aggregator, Statistic.all(), "all", voxels, maskBytes + imageBytes, threads)
                .withRatio(scanRow.seconds()));
        if (eachStatistic) {
            for (Statistic s : Statistic.values()) {
                long bytes = s.needsImage() ? maskBytes + imageBytes : maskBytes;
                rows.add(run(name, storage, aggregator, EnumSet.of(s), s.key(), voxels, bytes, threads)
                        .withRatio(scanRow.seconds()));
            }
        }
        return rows;
    }

    /** Times rasteragg alone (no scan row), e.g. for thread and label scaling. */
    Measurement measureAll(String name, String storage, ChunkedArray labels, ChunkedArray image, int threads) {
        long voxels = labels.grid().elementCount();
        long bytes = voxels * labels.dtype().byteSize() + image.grid().elementCount() * image.dtype().byteSize();
        RasterAggregator aggregator = RasterAggregator.builder().mask(labels).image(image).threads(threads).build();
        return run(name, storage, aggregator, Statistic.all(), "all", voxels, bytes, threads);
    }

    private Measurement run(String name, String storage, RasterAggregator aggregator, Set<Statistic> stats,
            String method, long voxels, long bytes, int threads) {
        AggregationResult[] last = new AggregationResult[1];
        // Drop the previous repeat's result first, so the heap figures count one result, not two.
        Timer.Result t = Timer.time(warmups, repeats, () -> {
            last[0] = null;
            last[0] = aggregator.aggregateAll(stats, null);
        });
        if (last[0].rowCount() == 0) {
            throw new IllegalStateException("no labels found in " + name);
        }
        return new Measurement(name, method, storage, threads, t.medianSeconds(), voxels, last[0].rowCount(), bytes,
                t.peakHeapBytes(), t.peakLiveBytes(), Double.NaN);
    }
}
