package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LongIntHashMap;

/**
 * The per-block kernel: one pass over a block's labels maps each voxel to a block-local slot
 * (a primitive hash map with a "same label as the last voxel" fast path), then for each channel
 * a first pass accumulates sums, min and max per slot and a second pass, over data still in cache,
 * the central moments about each slot's block-local mean. Two passes per block give float64
 * accuracy where single-pass power sums fail; the block partials are merged with the pairwise
 * formulas in {@code LabelState}.
 *
 * <p>Holds reusable scratch buffers: not thread-safe, use one instance per thread.
 */
public final class BlockKernel {

    private final Features features;
    private final LongIntHashMap localSlots = new LongIntHashMap(4096);
    private int[] slots = new int[0];
    private double[] values = new double[0];
    private long[] rowLabels = new long[0];
    private long[] labels = new long[256];
    private long[] counts = new long[256];
    private double[] coords = new double[3 * 256];
    private double[] sum = new double[256];
    private double[] shift = new double[256];
    private int[] firstVoxel = new int[256];
    private int shiftedSlots;
    private int labelsInBlock;
    private double[] mean = new double[256];
    private double[] q2 = new double[256];
    private double[] q3 = new double[256];
    private double[] q4 = new double[256];
    private double[] lo = new double[256];
    private double[] hi = new double[256];

    public BlockKernel(Features features) {
        this.features = features;
    }

    /**
     * Computes one block's partial.
     *
     * @param block the box to process
     * @param mask the mask chunk holding the box (full chunk buffer, C order)
     * @param maskType the mask's dtype (an integer type)
     * @param maskChunkShape the mask's chunk shape (z, y, x)
     * @param image the image chunks holding the box, one per channel chunk (c grid order); null
     *     when the features need no image
     * @param imageType the image's dtype
     * @param imageChunkShape the image's chunk shape (c, z, y, x)
     * @param channels number of image channels
     */
    public BlockPartial process(Block block, Object mask, DType maskType, int[] maskChunkShape, Object[] image,
            DType imageType, int[] imageChunkShape, int channels) {
        int ez = block.extent()[0];
        int ey = block.extent()[1];
        int ex = block.extent()[2];
        int voxels = ez * ey * ex;
        if (slots.length < voxels) {
            slots = new int[voxels];
        }
        if (rowLabels.length < ex) {
            rowLabels = new long[ex];
        }
        int labelCount = mapLabels(block, mask, maskType, maskChunkShape);
        labelsInBlock = labelCount;
        boolean withImage = features.needsImage();
        int outChannels = withImage ? channels : 0;
        BlockPartial p = newPartial(labelCount, outChannels);
        System.arraycopy(labels, 0, p.labels, 0, labelCount);
        System.arraycopy(counts, 0, p.counts, 0, labelCount);
        if (p.coordinateSums != null) {
            System.arraycopy(coords, 0, p.coordinateSums, 0, 3 * labelCount);
        }
        if (withImage) {
            if (values.length < voxels) {
                values = new double[voxels];
            }
            for (int c = 0; c < channels; c++) {
                startChannel(labelCount);
                gatherChannel(block, image, imageType, imageChunkShape, c);
                accumulateChannel(block, voxels, labelCount, p, c);
            }
        }
        return p;
    }

    private BlockPartial newPartial(int l, int channels) {
        int n = l * channels;
        int order = features.momentOrder();
        boolean values = channels > 0;
        return new BlockPartial(l, channels, new long[l], new long[l], features.center() ? new double[3 * l] : null,
                values && order >= 1 ? new double[n] : null, values && order >= 1 ? new double[n] : null, values && order >= 2 ? new double[n] : null,
                values && order >= 4 ? new double[n] : null, values && order >= 4 ? new double[n] : null,
                values && features.minMax() ? new double[n] : null, values && features.minMax() ? new double[n] : null);
    }

    /** Fills {@code slots} for every voxel of the block; returns the number of distinct labels. */
    private int mapLabels(Block block, Object mask, DType maskType, int[] chunkShape) {
        localSlots.clear();
        int ez = block.extent()[0];
        int ey = block.extent()[1];
        int ex = block.extent()[2];
        long[] o = block.origin();
        int cy = chunkShape[1];
        int cx = chunkShape[2];
        int z0 = (int) (o[0] - block.maskChunk()[0] * chunkShape[0]);
        int y0 = (int) (o[1] - block.maskChunk()[1] * cy);
        int x0 = (int) (o[2] - block.maskChunk()[2] * cx);
        boolean center = features.center();
        int labelCount = 0;
        long lastLabel = 0;
        int lastSlot = -1;
        int v = 0;
        for (int z = 0; z < ez; z++) {
            for (int y = 0; y < ey; y++) {
                int from = ((z0 + z) * cy + (y0 + y)) * cx + x0;
                RowReader.labels(mask, maskType, from, rowLabels, ex);
                if (maskType == DType.UINT64) {
                    checkUnsigned(block, z, y, ex);
                }
                for (int x = 0; x < ex; x++) {
                    long label = rowLabels[x];
                    int slot;
                    if (label == lastLabel && lastSlot >= 0) {
                        slot = lastSlot;
                    } else {
                        slot = localSlots.getOrPut(label, labelCount);
                        if (slot == labelCount) {
                            ensureLabelCapacity(labelCount + 1);
                            labels[slot] = label;
                            counts[slot] = 0;
                            firstVoxel[slot] = v;
                            if (center) {
                                coords[3 * slot] = 0;
                                coords[3 * slot + 1] = 0;
                                coords[3 * slot + 2] = 0;
                            }
                            labelCount++;
                        }
                        lastLabel = label;
                        lastSlot = slot;
                    }
                    slots[v++] = slot;
                    counts[slot]++;
                }
                if (center) {
                    addCoordinates(v - ex, ex, o[0] + z, o[1] + y, o[2]);
                }
            }
        }
        return labelCount;
    }

    private void addCoordinates(int firstVoxel, int ex, long z, long y, long x0) {
        for (int x = 0; x < ex; x++) {
            int s = 3 * slots[firstVoxel + x];
            coords[s] += z;
            coords[s + 1] += y;
            coords[s + 2] += x0 + x;
        }
    }

    private void checkUnsigned(Block block, int z, int y, int ex) {
        for (int x = 0; x < ex; x++) {
            if (rowLabels[x] < 0) {
                throw new InvalidInputException("uint64 label " + Long.toUnsignedString(rowLabels[x])
                        + " at (z, y, x) = (" + (block.origin()[0] + z) + ", " + (block.origin()[1] + y) + ", "
                        + (block.origin()[2] + x) + ") is above 2^63 - 1, the largest label supported");
            }
        }
    }

    private void gatherChannel(Block block, Object[] image, DType type, int[] chunkShape, int channel) {
        int cc = chunkShape[0];
        Object buffer = image[channel / cc];
        int within = channel % cc;
        int iz = chunkShape[1];
        int iy = chunkShape[2];
        int ix = chunkShape[3];
        long[] o = block.origin();
        long[] chunk = block.imageChunk();
        int z0 = (int) (o[0] - chunk[0] * iz);
        int y0 = (int) (o[1] - chunk[1] * iy);
        int x0 = (int) (o[2] - chunk[2] * ix);
        int ez = block.extent()[0];
        int ey = block.extent()[1];
        int ex = block.extent()[2];
        int v = 0;
        for (int z = 0; z < ez; z++) {
            for (int y = 0; y < ey; y++) {
                int from = ((within * iz + z0 + z) * iy + y0 + y) * ix + x0;
                RowReader.values(buffer, type, from, values, v, ex);
                firstPass(v, v + ex);
                v += ex;
            }
        }
    }

    /** Resets the per-slot accumulators of the first pass. */
    private void startChannel(int labelCount) {
        Arrays.fill(sum, 0, labelCount, 0.0);
        shiftedSlots = 0;
        if (features.minMax()) {
            Arrays.fill(lo, 0, labelCount, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, 0, labelCount, Double.NEGATIVE_INFINITY);
        }
    }

    /**
     * First pass over voxels {@code [from, to)} just gathered (still in L1): sums, min and max per
     * slot. Fused with the gather so the block's values are streamed once before the moment pass.
     */
    private void firstPass(int from, int to) {
        int[] s = slots;
        double[] x = values;
        // Slots are numbered in order of first appearance: the shift of each slot first seen in
        // this row is its first value, already gathered.
        while (shiftedSlots < firstVoxel.length && shiftedSlots < labelsInBlock && firstVoxel[shiftedSlots] < to) {
            shift[shiftedSlots] = x[firstVoxel[shiftedSlots]];
            shiftedSlots++;
        }
        double[] k0 = shift;
        if (features.minMax()) {
            for (int i = from; i < to; i++) {
                int k = s[i];
                double v = x[i];
                sum[k] += v - k0[k];
                if (v < lo[k]) {
                    lo[k] = v;
                }
                if (v > hi[k]) {
                    hi[k] = v;
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                int k = s[i];
                sum[k] += x[i] - k0[k];
            }
        }
    }

    private void accumulateChannel(Block block, int voxels, int labelCount, BlockPartial p, int channel) {
        int order = features.momentOrder();
        boolean minMax = features.minMax();
        int[] s = slots;
        double[] x = values;
        for (int k = 0; k < labelCount; k++) {
            if (Double.isNaN(sum[k])) {
                throw nanError(block, voxels, channel);
            }
        }
        int base = channel * labelCount;
        if (order >= 1) {
            System.arraycopy(shift, 0, p.shifts, base, labelCount);
            System.arraycopy(sum, 0, p.sums, base, labelCount);
        }
        if (minMax) {
            System.arraycopy(lo, 0, p.min, base, labelCount);
            System.arraycopy(hi, 0, p.max, base, labelCount);
        }
        if (order < 2) {
            return;
        }
        for (int k = 0; k < labelCount; k++) {
            mean[k] = sum[k] / counts[k];
        }
        Arrays.fill(q2, 0, labelCount, 0.0);
        if (order == 2) {
            for (int i = 0; i < voxels; i++) {
                int k = s[i];
                double d = x[i] - shift[k] - mean[k];
                q2[k] += d * d;
            }
        } else {
            Arrays.fill(q3, 0, labelCount, 0.0);
            Arrays.fill(q4, 0, labelCount, 0.0);
            for (int i = 0; i < voxels; i++) {
                int k = s[i];
                double d = x[i] - shift[k] - mean[k];
                double d2 = d * d;
                q2[k] += d2;
                q3[k] += d2 * d;
                q4[k] += d2 * d2;
            }
            System.arraycopy(q3, 0, p.m3, base, labelCount);
            System.arraycopy(q4, 0, p.m4, base, labelCount);
        }
        System.arraycopy(q2, 0, p.m2, base, labelCount);
    }

    private InvalidInputException nanError(Block block, int voxels, int channel) {
        for (int i = 0; i < voxels; i++) {
            if (Double.isNaN(values[i])) {
                int ex = block.extent()[2];
                int ey = block.extent()[1];
                long x = block.origin()[2] + i % ex;
                long y = block.origin()[1] + (i / ex) % ey;
                long z = block.origin()[0] + i / (ex * ey);
                return new InvalidInputException("NaN image value in channel " + channel + " at (z, y, x) = (" + z
                        + ", " + y + ", " + x + ") of label " + labels[slots[i]]
                        + "; statistics of NaN values are undefined (mask such voxels out)");
            }
        }
        return new InvalidInputException("NaN image value in channel " + channel + " (sum overflowed to NaN)");
    }

    private void ensureLabelCapacity(int needed) {
        if (needed <= labels.length) {
            return;
        }
        int n = Math.max(needed, labels.length * 2);
        labels = Arrays.copyOf(labels, n);
        counts = Arrays.copyOf(counts, n);
        firstVoxel = Arrays.copyOf(firstVoxel, n);
        shift = new double[n];
        coords = Arrays.copyOf(coords, 3 * n);
        sum = new double[n];
        mean = new double[n];
        q2 = new double[n];
        q3 = new double[n];
        q4 = new double[n];
        lo = new double[n];
        hi = new double[n];
    }
}
