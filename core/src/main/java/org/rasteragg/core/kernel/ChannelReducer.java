package org.rasteragg.core.kernel;

import org.rasteragg.core.plan.Block;

/**
 * Reduces the image channels of one block into the value arrays of its {@link BlockPartial}
 * (shifts, shifted sums, min, max, central moments), given the block-local slot of every voxel.
 * Implementations hold scratch buffers: one instance per {@link BlockKernel}, not thread-safe.
 */
interface ChannelReducer {

    /**
     * @param rows the block's image rows
     * @param slotOf the block-local slot of every voxel of the block, in block C order
     * @param counts voxels per slot
     * @param p the partial whose value arrays are filled (labels and counts are set by the caller)
     */
    void reduce(Block block, ImageRows rows, int[] slotOf, long[] counts, BlockPartial p);
}
