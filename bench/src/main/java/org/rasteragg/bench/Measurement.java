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
 * @param ratioToScan seconds / seconds of the scan of the same dataset and storage (NaN when none)
 */
record Measurement(String dataset, String method, String storage, int threads, double seconds, long voxels,
        long labels, long bytes, long peakHeapBytes, long peakLiveBytes, double ratioToScan) {

    double voxelsPerSecond() {
        return voxels / seconds;
    }

    double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    Measurement withRatio(double scanSeconds) {
        return new Measurement(dataset, method, storage, threads, seconds, voxels, labels, bytes, peakHeapBytes,
                peakLiveBytes, seconds / scanSeconds);
    }
}
