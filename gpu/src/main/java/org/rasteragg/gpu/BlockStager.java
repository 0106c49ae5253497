package org.rasteragg.gpu;

import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.kernel.RowReader;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.LongIntHashMap;

/**
 * Prepares blocks for the kernel on a CPU thread: maps each voxel's label to a block-local slot
 * (the previous voxel's slot when the label repeats, else one hash lookup, as the CPU kernel does
 * per run) and gathers the block's image values out of the chunk buffers, channel-major, in the
 * image's own 8- or 16-bit type (the device needs a quarter of the bytes of int32 values).
 *
 * <p>Holds a reusable label map: not thread-safe, one instance per thread.
 */
final class BlockStager {

    private final LongIntHashMap localSlots = new LongIntHashMap(4096);
    private long[] row = new long[0];

    /**
     * @param mask the mask chunk holding the block (C order over {@code maskChunkShape})
     * @param image the image chunks holding the block, one per channel chunk; null without image
     * @param imageChunkShape (c, z, y, x)
     */
    StagedBlock stage(Block block, Object mask, DType maskType, int[] maskChunkShape, Object[] image, DType imageType,
            int[] imageChunkShape, int channels) {
        int voxels = (int) block.voxels();
        int[] e = block.extent();
        long[] o = block.origin();
        if (row.length < e[2]) {
            row = new long[e[2]];
        }
        int[] slots = new int[voxels];
        long[] labels = new long[64];
        int labelCount = 0;
        localSlots.clear();
        long last = 0;
        int lastSlot = -1;
        int cy = maskChunkShape[1];
        int cx = maskChunkShape[2];
        long[] chunk = block.maskChunk();
        int v = 0;
        for (int z = 0; z < e[0]; z++) {
            for (int y = 0; y < e[1]; y++) {
                int from = (int) (((o[0] - chunk[0] * maskChunkShape[0] + z) * cy + (o[1] - chunk[1] * cy + y)) * cx
                        + (o[2] - chunk[2] * cx));
                RowReader.labels(mask, maskType, from, row, e[2]);
                for (int x = 0; x < e[2]; x++) {
                    long label = row[x];
                    if (label != last || lastSlot < 0) {
                        if (maskType == DType.UINT64 && label < 0) {
                            throw new InvalidInputException("uint64 label " + Long.toUnsignedString(label)
                                    + " at (z, y, x) = (" + (o[0] + z) + ", " + (o[1] + y) + ", " + (o[2] + x)
                                    + ") is above 2^63 - 1, the largest label supported");
                        }
                        lastSlot = localSlots.getOrPut(label, labelCount);
                        if (lastSlot == labelCount) {
                            if (labelCount == labels.length) {
                                labels = java.util.Arrays.copyOf(labels, 2 * labelCount);
                            }
                            labels[labelCount++] = label;
                        }
                        last = label;
                    }
                    slots[v++] = lastSlot;
                }
            }
        }
        Object values = image == null ? null : gather(block, image, imageType, imageChunkShape, channels);
        return new StagedBlock(block, voxels, slots, labels, labelCount, values, image == null ? 0 : channels);
    }

    /** The block's values of every channel, channel-major, rows copied straight from the chunks. */
    private static Object gather(Block block, Object[] image, DType type, int[] chunkShape, int channels) {
        int[] e = block.extent();
        int voxels = (int) block.voxels();
        Object out = type.allocate(voxels * channels);
        int cc = chunkShape[0];
        int iz = chunkShape[1];
        int iy = chunkShape[2];
        int ix = chunkShape[3];
        long[] o = block.origin();
        long[] chunk = block.imageChunk();
        int z0 = (int) (o[0] - chunk[0] * iz);
        int y0 = (int) (o[1] - chunk[1] * iy);
        int x0 = (int) (o[2] - chunk[2] * ix);
        for (int c = 0; c < channels; c++) {
            Object buffer = image[c / cc];
            int within = c % cc;
            int to = c * voxels;
            for (int z = 0; z < e[0]; z++) {
                for (int y = 0; y < e[1]; y++) {
                    System.arraycopy(buffer, ((within * iz + z0 + z) * iy + y0 + y) * ix + x0, out, to, e[2]);
                    to += e[2];
                }
            }
        }
        return out;
    }
}
