package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * The per-block kernel. One pass over the block's labels cuts each row into runs of equal labels
 * and gives each run a block-local slot (from the previous run, the row above, or {@link BlockSlots}:
 * one lookup per run at most, never per voxel), counting voxels and summing coordinates per
 * run. Then the image values are reduced in two passes per block, which give float64 accuracy
 * where single-pass power sums fail: first the sum relative to a shift, min and max; then the
 * central moments about each slot's block-local mean. Partials of blocks merge with the pairwise
 * formulas in {@code LabelState}.
 *
 * <p>How the values are reduced depends on the image type:
 * <ul>
 *   <li>integers up to 32 bits (most microscopy): voxel by voxel into per-label accumulators, by
 *       {@link VectorChannelReducer} (SIMD over channels, when the vector API is available) or
 *       {@link IntegerChannelReducer} (scalar); both give the same bits;
 *   <li>everything else (uint32, 64-bit and float images): per channel, run by run, with the run's
 *       sums kept in registers and the slot's first value as the shift.
 * </ul>
 *
 * <p>Holds reusable scratch buffers: not thread-safe, use one instance per thread.
 */
public final class BlockKernel {

    private final Features features;
    private final PartialBuffers buffers;
    private final BlockSlots localSlots = new BlockSlots();
    /**
     * Integer images whose values fit an int (all but uint32 and 64-bit types, so most microscopy)
     * are reduced voxel by voxel: with SIMD over channels where the JDK's vector API is available
     * ({@link VectorChannelReducer}), else in scalar integer arithmetic ({@link IntegerChannelReducer}).
     * Chosen on the first block, for the image type and channel count of the run.
     */
    private ChannelReducer integerReducer;
    private DType reducerType;
    private int reducerChannels;
    /** Block-local slot of every voxel, for the integer reducer. */
    private int[] slotOf = new int[0];
    /** Whether mapLabels fills {@link #slotOf} (voxel reducers); see also {@link #recordRuns}. */
    private boolean fillSlots;
    /** Labels and slots of the previous row, and the slots of the current one. */
    private long[] aboveLabels = new long[0];
    private int[] aboveSlots = new int[0];
    private int[] rowSlots = new int[0];
    private long[] rowLabels = new long[0];
    /** Runs: voxel index where each starts (runStart[runCount] = voxels) and its slot. */
    private int[] runStart = new int[1024];
    private int[] runSlot = new int[1024];
    private int runCount;
    private long[] labels = new long[256];
    private long[] counts = new long[256];
    /**
     * Per slot, the sums of z, y and x relative to the block's origin: integers, so a run adds in
     * integer arithmetic; converted once per block (exactly, as any sum below 2^53 is).
     */
    private long[] coords = new long[3 * 256];
    /** Slots of the block so far, and the label and slot of the last run (mapLabels). */
    private int labelCount;
    private long lastLabel;
    private int lastSlot;
    /** The run-by-run path's float64 reduction (made on the first such block). */
    private RunChannelReducer runReducer;
    /** Bounding boxes and coordinate moments per run (null without either). */
    private final RunGeometry geometry;
    /** Weighted centers and sorted values per run (null without either). */
    private final RunValues runValues;
    /** Exact min/max of an int64 or uint64 image (made on the first such block). */
    private Int64RunExtremes int64Extremes;
    /** Whether mapLabels records runs (the run-by-run path; the voxel path uses {@link #slotOf}). */
    private boolean recordRuns;

    /**
     * Scratch bytes per block voxel that the voxel reducers' accumulators may take (per-label lanes
     * grow with labels, not voxels), and a floor below which any block may use them.
     */
    static final int ACCUMULATOR_BYTES_PER_VOXEL = 64;
    static final long ACCUMULATOR_FLOOR_BYTES = 16L << 20;

    /**
     * The most scratch memory one kernel holds for a block of {@code voxels} voxels: slots and
     * float64 values per voxel, the block-local label table, plus the voxel reducers' accumulators.
     * For the engine's memory bound.
     */
    public static long scratchBytes(long voxels) {
        return voxels * (4 + 8) + BlockSlots.bytes(voxels)
                + Math.max(ACCUMULATOR_FLOOR_BYTES, ACCUMULATOR_BYTES_PER_VOXEL * voxels);
    }

    /**
     * {@link #scratchBytes(long)} plus what {@code features} add for {@code channels} channels: the
     * sorted values of a block's labels (twice: scratch and the partial handed to the engine).
     */
    public static long scratchBytes(long voxels, Features features, int channels) {
        return scratchBytes(voxels) + 2 * RunValues.scratchBytes(voxels, channels, features.ordered());
    }

    /** Accumulator bytes of the voxel reducers for a block (lanes x channels padded to 4 x 6 values). */
    private static long accumulatorBytes(int labels, int channels) {
        long padded = (channels + 3) / 4 * 4L;
        return labels * padded * IntegerChannelReducer.LANES * 6 * Double.BYTES;
    }

    public BlockKernel(Features features) {
        this(features, null);
    }

    /** @param buffers where the partials' arrays come from (recycled once merged); null: new ones */
    public BlockKernel(Features features, PartialBuffers buffers) {
        this.features = features;
        this.buffers = buffers;
        RunGeometry g = new RunGeometry(features.bbox(), features.axes());
        this.geometry = g.active() ? g : null;
        this.runValues = features.valuesByRun() ? new RunValues(features.wcenter(), features.ordered()) : null;
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
        int voxels = (int) block.voxels();
        int ex = block.extent()[2];
        if (rowLabels.length < ex) {
            rowLabels = new long[ex];
        }
        boolean withImage = features.needsImage();
        boolean integerPath = withImage && IntegerChannelReducer.handles(imageType);
        fillSlots = integerPath;
        recordRuns = !integerPath;
        if (integerPath && slotOf.length < voxels) {
            slotOf = new int[voxels];
        }
        int labelCount = mapLabels(block, mask, maskType, maskChunkShape);
        if (integerPath && accumulatorBytes(labelCount, channels) > Math.max(ACCUMULATOR_FLOOR_BYTES,
                (long) ACCUMULATOR_BYTES_PER_VOXEL * voxels)) {
            // Almost a label per voxel (a mask that is really an image, say): the voxel reducers'
            // accumulators would outgrow the block many times; the run-by-run path needs no copies.
            integerPath = false;
            fillSlots = false;
            recordRuns = true;
            labelCount = mapLabels(block, mask, maskType, maskChunkShape);
        }
        BlockPartial p = buffers == null ? PartialBuffers.allocate(features, labelCount, withImage ? channels : 0)
                : buffers.take(features, labelCount, withImage ? channels : 0);
        System.arraycopy(labels, 0, p.labels, 0, labelCount);
        System.arraycopy(counts, 0, p.counts, 0, labelCount);
        if (p.coordinateSums != null) {
            coordinateSums(block.origin(), labelCount, p.coordinateSums);
        }
        if (geometry != null) {
            geometry.fill(p, counts, block.origin(), labelCount);
        }
        if (runValues != null) {
            runValues.startBlock(labelCount, channels, p);
        }
        if (integerPath) {
            if (integerReducer == null || reducerType != imageType || reducerChannels != channels) {
                ChannelReducer vector = VectorSupport.reducerFor(features, imageType, channels);
                integerReducer = vector != null ? vector : new IntegerChannelReducer(features);
                reducerType = imageType;
                reducerChannels = channels;
            }
            ImageRows rows = new ImageRows(block, image, imageType, imageChunkShape);
            if (features.momentOrder() > 0 || features.minMax()) {
                integerReducer.reduce(block, rows, slotOf, counts, p);
            }
            if (runValues != null) {
                runValues.voxels(rows, slotOf, counts, labelCount, channels, block.extent()[1], block.origin(), p);
            }
        } else if (withImage) {
            if (runReducer == null) {
                runReducer = new RunChannelReducer(features);
            }
            runReducer.startBlock(voxels, labelCount, runStart, runSlot, runCount, counts, labels);
            ImageRows rows = new ImageRows(block, image, imageType, imageChunkShape);
            Int64RunExtremes exact = int64Extremes(imageType);
            if (exact != null) {
                exact.startBlock(p, labelCount, channels);
            }
            for (int c = 0; c < channels; c++) {
                runReducer.channel(block, rows, c, p);
                if (exact != null) {
                    exact.channel(rows, c, runStart, runSlot, runCount, labelCount, p);
                }
                if (runValues != null) {
                    runValues.channel(c, runReducer.values(), runStart, runSlot, runCount, counts, labelCount, ex,
                            block.extent()[1], block.origin(), p);
                }
            }
        }
        if (runValues != null) {
            runValues.finishBlock(labelCount, channels, p);
        }
        return p;
    }

    /** The exact extremes tracker for an image of {@code type}, or null when the float64 ones are exact. */
    private Int64RunExtremes int64Extremes(DType type) {
        if (int64Extremes == null || !int64Extremes.handles(type)) {
            int64Extremes = Int64RunExtremes.of(features, type);
        }
        return int64Extremes;
    }

    /**
     * The slots' coordinate sums in the image's frame. A loop over the labels in a method of its
     * own, so that process() has no long loop for C2 to compile on-stack (it did twice, besides
     * the normal compilation).
     */
    private void coordinateSums(long[] origin, int labelCount, double[] out) {
        for (int k = 0; k < labelCount; k++) {
            for (int a = 0; a < 3; a++) {
                out[3 * k + a] = (double) (coords[3 * k + a] + counts[k] * origin[a]);
            }
        }
    }

    /** Cuts the block into runs, counts voxels and sums coordinates per slot; returns the slot count. */
    private int mapLabels(Block block, Object mask, DType maskType, int[] chunkShape) {
        // The previous block's (or first try's) labels are exactly those in the map.
        localSlots.clear(labels, labelCount);
        localSlots.startBlock(block.voxels());
        runCount = 0;
        int ez = block.extent()[0];
        int ey = block.extent()[1];
        int ex = block.extent()[2];
        long[] o = block.origin();
        int cy = chunkShape[1];
        int cx = chunkShape[2];
        int z0 = (int) (o[0] - block.maskChunk()[0] * chunkShape[0]);
        int y0 = (int) (o[1] - block.maskChunk()[1] * cy);
        int x0 = (int) (o[2] - block.maskChunk()[2] * cx);
        labelCount = 0;
        lastLabel = 0;
        lastSlot = -1;
        int v = 0;
        if (aboveLabels.length < ex) {
            aboveLabels = new long[ex];
            rowSlots = new int[ex];
            aboveSlots = new int[ex];
        }
        for (int z = 0; z < ez; z++) {
            for (int y = 0; y < ey; y++) {
                mapRow(block, mask, maskType, ((z0 + z) * cy + (y0 + y)) * cx + x0, z, y, ex, v, z > 0 || y > 0);
                v += ex;
            }
        }
        runStart[runCount] = v;
        return labelCount;
    }

    /**
     * Cuts row {@code (z, y)} of the block, starting at {@code from} in the mask chunk, into runs;
     * {@code v} is the block voxel index of its first voxel. A method of its own so that the JIT
     * compiles the voxel loop with a profile in which it ends (see IntegerChannelReducer.firstPass).
     */
    private void mapRow(Block block, Object mask, DType maskType, int from, int z, int y, int ex, int v,
            boolean haveAbove) {
        RowReader.labels(mask, maskType, from, rowLabels, ex);
        if (maskType == DType.UINT64) {
            checkUnsigned(block, z, y, ex);
        }
        // One loop over the voxels whose only unpredictable branch is a change of label:
        // all per-run work (slot, count, coordinates) happens there, once per run.
        long label = rowLabels[0];
        int slot = slotAt(label, 0, ex, haveAbove);
        int runFrom = 0;
        int[] slots = rowSlots;
        slots[0] = slot;
        long[] row = rowLabels;
        for (int x = 1; x < ex; x++) {
            long next = row[x];
            if (next != label) {
                closeRun(slot, runFrom, x, v, z, y);
                label = next;
                slot = slotAt(label, x, ex, haveAbove);
                runFrom = x;
            }
            slots[x] = slot;
        }
        closeRun(slot, runFrom, ex, v, z, y);
        if (fillSlots) {
            System.arraycopy(rowSlots, 0, slotOf, v, ex);
        }
        long[] labelsSwap = aboveLabels;
        aboveLabels = rowLabels;
        rowLabels = labelsSwap;
        int[] slotsSwap = aboveSlots;
        aboveSlots = rowSlots;
        rowSlots = slotsSwap;
    }

    /**
     * The slot of {@code label} for a run starting at {@code x}: the previous run's, the one above
     * (cells span many rows, so a label above the run's start or a few voxels in is likely the same
     * cell), else a lookup in {@link BlockSlots} that creates the slot on first sight.
     */
    private int slotAt(long label, int x, int ex, boolean haveAbove) {
        if (label == lastLabel && lastSlot >= 0) {
            return lastSlot;
        }
        int slot;
        int ahead = Math.min(x + 3, ex - 1);
        if (haveAbove && aboveLabels[x] == label) {
            slot = aboveSlots[x];
        } else if (haveAbove && aboveLabels[ahead] == label) {
            slot = aboveSlots[ahead];
        } else {
            // Room first: a label in the map must be in labels[] too, which clears the map.
            ensureLabelCapacity(labelCount + 1);
            slot = localSlots.getOrPut(label, labelCount);
            if (slot == labelCount) {
                labels[slot] = label;
                counts[slot] = 0;
                if (geometry != null) {
                    geometry.reset(slot);
                }
                if (features.center()) {
                    coords[3 * slot] = 0;
                    coords[3 * slot + 1] = 0;
                    coords[3 * slot + 2] = 0;
                }
                labelCount++;
            }
        }
        lastLabel = label;
        lastSlot = slot;
        return slot;
    }

    /** Counts the run {@code [from, to)} of row (z, y) and adds its coordinates. */
    private void closeRun(int slot, int from, int to, int v, int z, int y) {
        int length = to - from;
        if (recordRuns) {
            addRun(v + from, slot);
        }
        if (geometry != null) {
            geometry.run(slot, z, y, from, to);
        }
        counts[slot] += length;
        if (features.center()) {
            coords[3 * slot] += (long) z * length;
            coords[3 * slot + 1] += (long) y * length;
            // sum of from .. to - 1
            coords[3 * slot + 2] += (long) from * length + (long) length * (length - 1) / 2;
        }
    }

    private void addRun(int start, int slot) {
        if (runCount + 1 >= runStart.length) {
            runStart = Arrays.copyOf(runStart, runStart.length * 2);
            runSlot = Arrays.copyOf(runSlot, runSlot.length * 2);
        }
        runStart[runCount] = start;
        runSlot[runCount] = slot;
        runCount++;
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

    private void ensureLabelCapacity(int needed) {
        if (needed <= labels.length) {
            return;
        }
        int n = Math.max(needed, labels.length * 2);
        labels = Arrays.copyOf(labels, n);
        counts = Arrays.copyOf(counts, n);
        coords = Arrays.copyOf(coords, 3 * n);
    }
}
