package org.rasteragg.bench;

/**
 * One benchmark row: the median of several timed repeats after warm-up.
 *
 * @param dataset dataset name ("2d-4096", "3d-64x2048x2048", "labels-many")
 * @param method what ran ("scan", "all", "mean", ...)
 * @param storage "zarr-blosc-lz4" or "in-memory"
 * @param threads worker threads
 * @param seconds median wall seconds
 * @param voxels voxels of the dataset
 * @param labels labels found (0 for the scan)
 * @param bytes bytes of decoded data (mask + image channels) the method needs
 * @param peakHeapBytes sum of the heap pools' peaks during the repeats (counts uncollected garbage)
 * @param peakLiveBytes largest heap left after a collection during the repeats (what the run held)
 * @param ratioToScan seconds / seconds of the scan of the same dataset and storage: the median of the
 *     ratios of runs timed in turn (NaN when none)
 * @param speedupOverOneThread time on one thread / time on {@code threads}: the median of the ratios of
 *     runs timed in turn (NaN when not measured)
 */
record Measurement(String dataset, String method, String storage, int threads, double seconds, long voxels,
        long labels, long bytes, long peakHeapBytes, long peakLiveBytes, double ratioToScan,
        double speedupOverOneThread) {

    double voxelsPerSecond() {
        return voxels / seconds;
    }

    double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    Measurement withRatio(double ratio) {
        return new Measurement(dataset, method, storage, threads, seconds, voxels, labels, bytes, peakHeapBytes,
                peakLiveBytes, ratio, speedupOverOneThread);
    }

    Measurement withSpeedup(double speedup) {
        return new Measurement(dataset, method, storage, threads, seconds, voxels, labels, bytes, peakHeapBytes,
                peakLiveBytes, ratioToScan, speedup);
    }
}
