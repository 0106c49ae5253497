package org.rasteragg.core.engine;

/**
 * Told after each block is merged, from the thread that runs the aggregation (never concurrently).
 * Must be cheap; a progress bar should throttle its own redraws.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, bytes) -> { };

    /**
     * @param blocksDone blocks merged so far
     * @param blocksTotal blocks in the run
     * @param bytesDecoded bytes of decoded chunk data so far (mask and image)
     */
    void blockDone(long blocksDone, long blocksTotal, long bytesDecoded);
}
