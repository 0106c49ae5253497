package org.rasteragg.gpu;

import org.rasteragg.core.plan.Block;

/**
 * One block ready for the kernel: every voxel's block-local slot, the label of each local slot, and
 * the image values gathered channel-major ({@code values[c * voxels + i]}, voxel i in C order of
 * the block), in the image's own 8- or 16-bit type ({@code byte[]} or {@code short[]}).
 *
 * @param values null when no statistic needs the image
 */
record StagedBlock(Block block, int voxels, int[] slots, long[] labels, int labelCount, Object values,
        int channels) {
}
