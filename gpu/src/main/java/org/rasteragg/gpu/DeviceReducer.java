package org.rasteragg.gpu;

/**
 * Where the staged blocks are reduced: the CUDA device ({@link CudaReducer}) or, for tests where
 * there is no GPU, the kernel's arithmetic in Java ({@link EmulatedReducer}). Called from one
 * thread only (the engine's merging thread), in block order.
 */
interface DeviceReducer extends AutoCloseable {

    /** Makes room for global slots {@code [0, slots)}, new ones empty; keeps what earlier blocks added. */
    void ensureSlots(int slots);

    /**
     * Adds one block (every local slot mapped to a global one below {@link #ensureSlots}); may
     * return before the device has finished with it. The block's arrays are not used after return.
     */
    void reduce(StagedBlock block, int[] localToGlobal);

    /** Waits for every block, then copies the accumulators of slots {@code [from, to)} to the host. */
    Accumulators read(int from, int to);

    /** Time spent so far, in nanoseconds. */
    Timings timings();

    @Override
    void close();

    /**
     * @param transferNanos host-to-device copies (device clock; overlaps the kernels)
     * @param kernelNanos kernel time (device clock, summed over blocks; streams overlap)
     * @param readBackNanos copying the accumulators back
     */
    record Timings(long transferNanos, long kernelNanos, long readBackNanos) {
    }
}
