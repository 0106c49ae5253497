package org.rasteragg.core.state;

import org.rasteragg.core.kernel.BlockPartial;

/**
 * The mergeable per-label partial state of an aggregation: for every label seen so far, its voxel
 * count, coordinate sums and, per channel, a shift (one of its values), the sum of values minus the
 * shift, central moments M2..M4, min and max. Memory is proportional to the labels present
 * ({@link LabelSlots}: a table by label while labels are small, else a hash map), never to the
 * largest label id.
 *
 * <p>The slots themselves are {@link StatePages}: fixed-size pages, so growing to millions of labels
 * adds pages instead of copying every array.
 *
 * <p>An accumulator: {@link #add} and {@link #addAll} mutate this state. For a merge that leaves
 * its inputs untouched use {@link LabelStateMerger#merge}. Binary form: {@link LabelStateSerde}.
 *
 * <p>Not thread-safe.
 */
public final class LabelState {

    private final Features features;
    private final int channels;
    private final LabelSlots slots;
    private int size;
    private final StatePages pages;
    /** The state of the statistics beyond harpy; null when none is tracked. */
    private ShapeOrderState beyond;
    /** Exact min/max of an int64 or uint64 image; null for other images. {@link LabelStateSerde} reads it. */
    Int64Extremes int64;

    /**
     * @param features what is tracked
     * @param channels image channels (0 when no statistic needs the image)
     * @param expectedLabels capacity hint for the label map
     */
    public LabelState(Features features, int channels, int expectedLabels) {
        this(features, channels, new LabelSlots(expectedLabels));
    }

    /** A state whose labels map to slots through {@code slots} (empty; tests choose its form). */
    LabelState(Features features, int channels, LabelSlots slots) {
        if (features.needsImage() && channels <= 0) {
            throw new IllegalArgumentException("statistics of image values need at least one channel");
        }
        this.features = features;
        this.channels = features.needsImage() ? channels : 0;
        this.slots = slots;
        this.pages = new StatePages(features, this.channels);
        this.beyond = features.harpyOnly() ? null : new ShapeOrderState(features, this.channels);
    }

    public LabelState(Features features, int channels) {
        this(features, channels, 1024);
    }

    /** The slot of {@code label}, creating an empty one when new. */
    private int slotFor(long label) {
        int slot = slots.getOrAdd(label);
        if (slot == size) {
            pages.open(slot, label);
            if (beyond != null) {
                beyond.grow(slot);
            }
            size++;
        }
        return slot;
    }

    /** The per-channel value arrays of the pages, as {@link #copy} reads and {@link #release} drops them. */
    public enum Part {
        SHIFTS, SHIFTED_SUMS, M2, M3, M4, MIN, MAX
    }

    /**
     * Copies the values of slots {@code [from, to)} into {@code out[0 .. (to - from) * channels)},
     * slot-major ({@code (slot - from) * channels + channel}): a few array copies per page, for
     * code that computes a statistic of many labels (a loop of per-value accessors costs a page
     * lookup per value).
     */
    public void copy(Part part, int from, int to, double[] out) {
        pages.copy(part, from, to, out);
    }

    /**
     * Drops one part of every page, so that a result computed statistic by statistic holds at most
     * one statistic more than the state instead of the state and the whole result at once (at 10^6
     * labels each is hundreds of MB). Reading a released part afterwards is a programming error
     * (NullPointerException); merging into or serialising this state is no longer possible.
     */
    public void release(Part part) {
        if (int64 != null && (part == Part.MIN || part == Part.MAX)) {
            int64.release(part == Part.MAX);
        }
        pages.release(part);
    }

    public Features features() {
        return features;
    }

    public int channels() {
        return channels;
    }

    /** Number of distinct labels seen. */
    public int size() {
        return size;
    }

    /** The labels seen, in slot (first-seen) order; a copy. */
    public long[] labels() {
        return pages.labels(size);
    }

    /** The slot of {@code label}, or {@link LongIntHashMap#MISSING}. */
    public int slotOf(long label) {
        return slots.get(label);
    }

    /** {@link LabelSlots#ascending}: the labels sorted, without a sort, or null when they are hashed. */
    public long[] ascendingLabels(int[] rowOfSlot) {
        return slots.ascending(rowOfSlot);
    }

    public long label(int slot) {
        return pages.label(slot);
    }

    public long count(int slot) {
        return pages.count(slot);
    }

    /** Sum of coordinates along axis 0 (z), 1 (y) or 2 (x). */
    public double coordinateSum(int slot, int axis) {
        return pages.coordinateSum(slot, axis);
    }

    /** Sum of the values (exact for integer images while it stays below 2^53). */
    public double sum(int slot, int channel) {
        return pages.sum(slot, channel);
    }

    /** Mean of the values, from the shifted sum (no rounding of a large sum). */
    public double mean(int slot, int channel) {
        return pages.mean(slot, channel);
    }

    /** The shift K of the label's sums: one of its values. */
    public double shift(int slot, int channel) {
        return pages.shift(slot, channel);
    }

    /** Sum of (value - {@link #shift}). */
    public double shiftedSum(int slot, int channel) {
        return pages.shiftedSum(slot, channel);
    }

    public double m2(int slot, int channel) {
        return pages.m2(slot, channel);
    }

    public double m3(int slot, int channel) {
        return pages.m3(slot, channel);
    }

    public double m4(int slot, int channel) {
        return pages.m4(slot, channel);
    }

    public double min(int slot, int channel) {
        return pages.min(slot, channel);
    }

    public double max(int slot, int channel) {
        return pages.max(slot, channel);
    }

    /**
     * Whether exact 64-bit min/max are held (an int64 or uint64 image): {@link #copyInt64} then gives
     * them, raw bits for uint64.
     */
    public boolean hasInt64Extremes() {
        return int64 != null;
    }

    /** The exact min ({@link Part#MIN}) or max ({@link Part#MAX}) of slots {@code [from, to)}, as {@link #copy}. */
    public void copyInt64(Part part, int from, int to, long[] out) {
        int64.copy(part == Part.MAX, from, to, out);
    }

    /** Adds one block's contribution (its arrays are channel-major: {@code c * labelCount + local}). */
    public void add(BlockPartial b) {
        add(b, null);
    }

    /**
     * Adds one block's contribution and finishes the labels for which {@code lastBlock} says this
     * is their last block: their sorted values are replaced by their quantiles, so the state holds
     * value lists only for labels still open. {@code lastBlock} null: none is finished.
     */
    public void add(BlockPartial b, java.util.function.LongPredicate lastBlock) {
        int64 = Int64Extremes.joined(int64, size, b.exactMin == null ? null : b.unsignedExtremes, b.labelCount, channels);
        if (int64 == null && beyond == null) {
            addHarpy(b);
            return;
        }
        for (int local = 0; local < b.labelCount; local++) {
            int slot = slotFor(b.labels[local]);
            pages.merge(slot, b.counts[local], b.coordinateSums, local * 3, b.shifts, b.sums, b.m2, b.m3, b.m4, b.min,
                    b.max, local, b.labelCount);
            if (int64 != null) {
                int64.merge(slot, b.exactMin, b.exactMax, local, b.labelCount);
            }
            if (beyond != null) {
                beyond.add(slot, b, local, lastBlock != null && lastBlock.test(b.labels[local]));
            }
        }
    }

    /**
     * {@link #add} of a partial with harpy's statistics only: labels new to this state, in runs of
     * consecutive new slots, are copied in array by array ({@link StatePages#openAll}); the others
     * are merged. The slots and the bits are those of merging label by label.
     */
    private void addHarpy(BlockPartial b) {
        int run = 0;
        int runFrom = 0;
        for (int local = 0; local < b.labelCount; local++) {
            int slot = slots.getOrAdd(b.labels[local]);
            if (slot == size + run) {
                if (run == 0) {
                    runFrom = local;
                }
                run++;
                continue;
            }
            openRun(b, runFrom, run);
            run = 0;
            pages.merge(slot, b.counts[local], b.coordinateSums, local * 3, b.shifts, b.sums, b.m2, b.m3, b.m4, b.min,
                    b.max, local, b.labelCount);
        }
        openRun(b, runFrom, run);
    }

    private void openRun(BlockPartial b, int from, int count) {
        if (count > 0) {
            pages.openAll(size, count, b.labels, b.counts, b.coordinateSums, b.shifts, b.sums, b.m2, b.m3, b.m4,
                    b.min, b.max, from, b.labelCount);
            size += count;
        }
    }

    /**
     * Drops the state of the statistics beyond harpy once a result has read it (as {@link #release}
     * does for a part of harpy's): at 10^6 labels with quantiles it is hundreds of MB. Reading it,
     * merging into or serialising this state afterwards is a programming error.
     */
    public void releaseBeyond() {
        beyond = null;
    }

    /** Heap bytes of the sorted value lists of labels still open (0 without median and quantiles). */
    public long openValueBytes() {
        return beyond == null ? 0 : beyond.openBytes();
    }

    /** Bounding box minimum (inclusive) along axis 0 (z), 1 (y) or 2 (x). */
    public long bboxMin(int slot, int axis) {
        return beyond.bboxMin(slot, axis);
    }

    /** Bounding box maximum (exclusive) along axis 0 (z), 1 (y) or 2 (x). */
    public long bboxMax(int slot, int axis) {
        return beyond.bboxMax(slot, axis);
    }

    /**
     * Exact coordinate moment {@code m}: 0..2 the sums of z, y, x; 3..14 the sums of zz, yy, xx,
     * zy, zx, yx as 128-bit (high, low) pairs ({@link Int128}).
     */
    public long coordinateMoment(int slot, int m) {
        return beyond.moment(slot, m);
    }

    /** Sum of value x coordinate along axis 0 (z), 1 (y) or 2 (x) for one channel. */
    public double weightedCoordinateSum(int slot, int channel, int axis) {
        return beyond.weightedSum(slot, channel, axis);
    }

    /** The quantiles of {@link Features#quantiles()} of (slot, channel) into {@code out}. */
    public void quantiles(int slot, int channel, double[] out) {
        beyond.quantiles(slot, channel, out);
    }

    /** Adds everything {@code other} holds; {@code other} is not modified and must not be this. */
    public void addAll(LabelState other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a label state with itself");
        }
        if (!other.features.equals(features) || other.channels != channels) {
            throw new IllegalArgumentException("cannot merge label states of different kinds: " + features + " x "
                    + channels + " channels and " + other.features + " x " + other.channels + " channels");
        }
        int64 = Int64Extremes.joined(int64, size, other.int64 == null ? null : other.int64.unsigned(), other.size,
                channels);
        for (int s = 0; s < other.size; s++) {
            addSlotOf(other, s, false);
        }
    }

    /** An independent copy. */
    public LabelState copy() {
        LabelState c = new LabelState(features, channels, size);
        c.addAll(this);
        return c;
    }

    /**
     * Splits the labels into {@code parts} disjoint states by a hash of the label, so that a
     * distributed merge can reduce each part on its own (the Spark backend's reduce by key).
     */
    public LabelState[] splitByLabelHash(int parts) {
        LabelState[] out = new LabelState[parts];
        for (int p = 0; p < parts; p++) {
            out[p] = new LabelState(features, channels, size / parts + 16);
            out[p].int64 = int64 == null ? null : int64.emptyLike();
        }
        for (int s = 0; s < size; s++) {
            out[partOf(label(s), parts)].addSlotOf(this, s, true);
        }
        return out;
    }

    /** The part of {@link #splitByLabelHash} that {@code label} falls in. */
    public static int partOf(long label, int parts) {
        long h = label * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(h ^ (h >>> 29), (long) parts);
    }

    /**
     * Adds slot {@code s} of {@code other} (same features and channels) to the slot of its label:
     * merged, or copied when {@code copy} (the label is new here: {@link #splitByLabelHash}).
     */
    private void addSlotOf(LabelState other, int s, boolean copy) {
        long label = other.pages.label(s);
        int slot = slotFor(label);
        if (copy) {
            pages.copySlot(slot, other.pages, s);
        } else {
            pages.mergeSlot(slot, other.pages, s);
        }
        if (int64 != null) {
            int64.merge(slot, other.int64, s);
        }
        if (beyond != null) {
            beyond.add(slot, other.beyond, s, label);
        }
    }

    /** Restores one label's raw state (used by {@link LabelStateSerde}). */
    void restore(long label, long count, double[] coords, double[] k, double[] s, double[] q2, double[] q3,
            double[] q4, double[] lo, double[] hi) {
        int slot = slotFor(label);
        if (pages.count(slot) != 0) {
            throw new IllegalArgumentException("label " + label + " appears twice in serialized state");
        }
        pages.restore(slot, count, coords, k, s, q2, q3, q4, lo, hi);
    }

    /** Restores the state beyond harpy's of a label just {@link #restore}d (used by {@link LabelStateSerde}). */
    void restoreBeyond(long label, java.io.DataInputStream in) throws java.io.IOException {
        beyond.read(slots.get(label), in);
    }

    /** Writes the state beyond harpy's of {@code slot} (used by {@link LabelStateSerde}). */
    void writeBeyond(int slot, java.io.DataOutputStream out) throws java.io.IOException {
        if (beyond == null) {
            throw new IllegalStateException("the state beyond harpy's was released; this state cannot be written");
        }
        beyond.write(slot, out);
    }

    /** Approximate heap bytes per label of a state with these features and channels. */
    public static long bytesPerLabel(Features features, int channels) {
        // map (key, value, used flag at load 0.25..0.5) + the slot's label, count, coordinates, values
        return 2 * 13 + StatePages.bytesPerSlot(features, channels) + ShapeOrderState.bytesPerLabel(features, channels);
    }
}
