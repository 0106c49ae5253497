package org.rasteragg.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.kernel.BlockPartial;

/**
 * The mergeable per-label partial state of an aggregation: for every label seen so far, its voxel
 * count, coordinate sums and, per channel, a shift (one of its values), the sum of values minus the
 * shift, central moments M2..M4, min and max. Memory is proportional to the labels present (a
 * primitive hash map to dense slots), never to the largest label id.
 *
 * <p>Slots live in fixed-size pages, so growing to millions of labels adds pages instead of copying
 * every array (a copy would briefly hold the state 2.5 times). Within a page values are slot-major:
 * index {@code (slot % pageSize) * channels + channel}.
 *
 * <p>An accumulator: {@link #add} and {@link #addAll} mutate this state. For a merge that leaves
 * its inputs untouched use {@link LabelStateMerger#merge}. Binary form: {@link LabelStateSerde}.
 *
 * <p>Not thread-safe.
 */
public final class LabelState {

    /**
     * Values per page array at most: 256 KiB of doubles. G1 allocates any array of half a region or
     * more (regions are 1 MiB on heaps under 2 GiB) as a "humongous" object: in whole regions of its
     * own, never moved by compaction. Pages of that size wasted up to half of each region and
     * fragmented the heap so that a 700 MB state needed a heap of over 1.1 GB.
     */
    private static final int MAX_PAGE_VALUES = 1 << 15;
    private static final int MAX_PAGE_BITS = 14;

    private final int pageBits;
    private final int pageSize;
    private final int pageMask;

    private final Features features;
    private final int channels;
    private final LongIntHashMap slots;
    private int size;
    private final List<Page> pages = new ArrayList<>();
    /** The state of the statistics beyond harpy; null when none is tracked. */
    private ShapeOrderState beyond;
    /** Exact min/max of an int64 or uint64 image; null for other images. {@link LabelStateSerde} reads it. */
    Int64Extremes int64;

    /** One page of {@link #pageSize} slots; arrays the features do not need are null. */
    private static final class Page {
        final long[] labels;
        final long[] counts;
        final double[] coordinateSums;
        // Not final: release(Part) drops them one by one while a result is built from this state.
        double[] shifts;
        double[] sums;
        double[] m2;
        double[] m3;
        double[] m4;
        double[] min;
        double[] max;

        Page(Features f, int channels, int pageSize) {
            labels = new long[pageSize];
            counts = new long[pageSize];
            int values = pageSize * channels;
            coordinateSums = f.center() ? new double[pageSize * 3] : null;
            shifts = f.momentOrder() >= 1 ? new double[values] : null;
            sums = f.momentOrder() >= 1 ? new double[values] : null;
            m2 = f.momentOrder() >= 2 ? new double[values] : null;
            m3 = f.momentOrder() >= 4 ? new double[values] : null;
            m4 = f.momentOrder() >= 4 ? new double[values] : null;
            min = f.minMax() ? new double[values] : null;
            max = f.minMax() ? new double[values] : null;
        }
    }

    /**
     * @param features what is tracked
     * @param channels image channels (0 when no statistic needs the image)
     * @param expectedLabels capacity hint for the label map
     */
    public LabelState(Features features, int channels, int expectedLabels) {
        if (features.needsImage() && channels <= 0) {
            throw new IllegalArgumentException("statistics of image values need at least one channel");
        }
        this.features = features;
        this.channels = features.needsImage() ? channels : 0;
        this.slots = new LongIntHashMap(expectedLabels);
        int bits = MAX_PAGE_BITS;
        while (bits > 6 && (1L << bits) * Math.max(3, this.channels) > MAX_PAGE_VALUES) {
            bits--;
        }
        this.pageBits = bits;
        this.pageSize = 1 << bits;
        this.pageMask = pageSize - 1;
        this.beyond = features.harpyOnly() ? null : new ShapeOrderState(features, this.channels);
    }

    public LabelState(Features features, int channels) {
        this(features, channels, 1024);
    }

    private Page page(int slot) {
        return pages.get(slot >>> pageBits);
    }

    /** Index of (slot, channel) within its page's value arrays. */
    private int at(int slot, int channel) {
        return (slot & pageMask) * channels + channel;
    }

    /** The slot of {@code label}, creating an empty one when new. */
    private int slotFor(long label) {
        int slot = slots.getOrPut(label, size);
        if (slot == size) {
            if ((size & pageMask) == 0 && (size >>> pageBits) == pages.size()) {
                pages.add(new Page(features, channels, pageSize));
            }
            Page p = page(slot);
            p.labels[slot & pageMask] = label;
            if (p.min != null) {
                int i = at(slot, 0);
                Arrays.fill(p.min, i, i + channels, Double.POSITIVE_INFINITY);
                Arrays.fill(p.max, i, i + channels, Double.NEGATIVE_INFINITY);
            }
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

    /** The array of {@code part} in page {@code p}. */
    private static double[] array(Page p, Part part) {
        return switch (part) {
            case SHIFTS -> p.shifts;
            case SHIFTED_SUMS -> p.sums;
            case M2 -> p.m2;
            case M3 -> p.m3;
            case M4 -> p.m4;
            case MIN -> p.min;
            case MAX -> p.max;
        };
    }

    /**
     * Copies the values of slots {@code [from, to)} into {@code out[0 .. (to - from) * channels)},
     * slot-major ({@code (slot - from) * channels + channel}): a few array copies per page, for
     * code that computes a statistic of many labels (a loop of per-value accessors costs a page
     * lookup per value).
     */
    public void copy(Part part, int from, int to, double[] out) {
        int c = channels;
        for (int s = from; s < to; ) {
            Page p = page(s);
            int within = s & pageMask;
            int n = Math.min(to - s, pageSize - within);
            System.arraycopy(array(p, part), within * c, out, (s - from) * c, n * c);
            s += n;
        }
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
        for (Page p : pages) {
            switch (part) {
                case SHIFTS -> p.shifts = null;
                case SHIFTED_SUMS -> p.sums = null;
                case M2 -> p.m2 = null;
                case M3 -> p.m3 = null;
                case M4 -> p.m4 = null;
                case MIN -> p.min = null;
                case MAX -> p.max = null;
            }
        }
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
        long[] out = new long[size];
        for (int s = 0; s < size; s += pageSize) {
            System.arraycopy(page(s).labels, 0, out, s, Math.min(pageSize, size - s));
        }
        return out;
    }

    /** The slot of {@code label}, or {@link LongIntHashMap#MISSING}. */
    public int slotOf(long label) {
        return slots.get(label);
    }

    public long label(int slot) {
        return page(slot).labels[slot & pageMask];
    }

    public long count(int slot) {
        return page(slot).counts[slot & pageMask];
    }

    /** Sum of coordinates along axis 0 (z), 1 (y) or 2 (x). */
    public double coordinateSum(int slot, int axis) {
        return page(slot).coordinateSums[(slot & pageMask) * 3 + axis];
    }

    /** Sum of the values (exact for integer images while it stays below 2^53). */
    public double sum(int slot, int channel) {
        Page p = page(slot);
        int i = at(slot, channel);
        return p.sums[i] + p.counts[slot & pageMask] * p.shifts[i];
    }

    /** Mean of the values, from the shifted sum (no rounding of a large sum). */
    public double mean(int slot, int channel) {
        Page p = page(slot);
        int i = at(slot, channel);
        return p.shifts[i] + p.sums[i] / p.counts[slot & pageMask];
    }

    /** The shift K of the label's sums: one of its values. */
    public double shift(int slot, int channel) {
        return page(slot).shifts[at(slot, channel)];
    }

    /** Sum of (value - {@link #shift}). */
    public double shiftedSum(int slot, int channel) {
        return page(slot).sums[at(slot, channel)];
    }

    public double m2(int slot, int channel) {
        return page(slot).m2[at(slot, channel)];
    }

    public double m3(int slot, int channel) {
        return page(slot).m3[at(slot, channel)];
    }

    public double m4(int slot, int channel) {
        return page(slot).m4[at(slot, channel)];
    }

    public double min(int slot, int channel) {
        return page(slot).min[at(slot, channel)];
    }

    public double max(int slot, int channel) {
        return page(slot).max[at(slot, channel)];
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
        for (int local = 0; local < b.labelCount; local++) {
            int slot = mergeSlot(b.labels[local], b.counts[local], b.coordinateSums, local * 3, b.shifts, b.sums, b.m2,
                    b.m3, b.m4, b.min, b.max, local, b.labelCount);
            if (int64 != null) {
                int64.merge(slot, b.exactMin, b.exactMax, local, b.labelCount);
            }
            if (beyond != null) {
                beyond.add(slot, b, local, lastBlock != null && lastBlock.test(b.labels[local]));
            }
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
            Page q = other.page(s);
            int os = s & pageMask;
            int slot = mergeSlot(q.labels[os], q.counts[os], q.coordinateSums, os * 3, q.shifts, q.sums, q.m2, q.m3,
                    q.m4, q.min, q.max, os * channels, 1);
            if (int64 != null) {
                int64.merge(slot, other.int64, s);
            }
            if (beyond != null) {
                beyond.add(slot, other.beyond, s, q.labels[os]);
            }
        }
    }

    /**
     * Merges one label's part into this state. The part's value of channel c is at
     * {@code first + c * stride} of its arrays (a block partial is channel-major, a state page
     * slot-major); arrays of statistics not tracked may be null.
     */
    private int mergeSlot(long label, long nb, double[] coords, int coordIndex, double[] shifts, double[] sums,
            double[] q2, double[] q3, double[] q4, double[] lo, double[] hi, int first, int stride) {
        int order = features.momentOrder();
        int slot = slotFor(label);
        Page p = page(slot);
        int o = slot & pageMask;
        long na = p.counts[o];
        p.counts[o] = na + nb;
        if (p.coordinateSums != null) {
            for (int a = 0; a < 3; a++) {
                p.coordinateSums[o * 3 + a] += coords[coordIndex + a];
            }
        }
        for (int c = 0; c < channels; c++) {
            int i = o * channels + c;
            int j = first + c * stride;
            if (order > 0) {
                Moments.combine(order, na, nb, p.shifts, p.sums, p.m2, p.m3, p.m4, i, shifts[j], sums[j],
                        order >= 2 ? q2[j] : 0, order >= 4 ? q3[j] : 0, order >= 4 ? q4[j] : 0);
            }
            if (p.min != null) {
                p.min[i] = Math.min(p.min[i], lo[j]);
                p.max[i] = Math.max(p.max[i], hi[j]);
            }
        }
        return slot;
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
            out[partOf(label(s), parts)].copySlotFrom(this, s);
        }
        return out;
    }

    /** The part of {@link #splitByLabelHash} that {@code label} falls in. */
    public static int partOf(long label, int parts) {
        long h = label * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(h ^ (h >>> 29), (long) parts);
    }

    private void copySlotFrom(LabelState other, int s) {
        Page q = other.page(s);
        int os = s & pageMask;
        int slot = slotFor(q.labels[os]);
        Page p = page(slot);
        int o = slot & pageMask;
        p.counts[o] = q.counts[os];
        if (p.coordinateSums != null) {
            System.arraycopy(q.coordinateSums, os * 3, p.coordinateSums, o * 3, 3);
        }
        int i = o * channels;
        int j = os * channels;
        copyRange(q.shifts, p.shifts, j, i);
        copyRange(q.sums, p.sums, j, i);
        copyRange(q.m2, p.m2, j, i);
        copyRange(q.m3, p.m3, j, i);
        copyRange(q.m4, p.m4, j, i);
        copyRange(q.min, p.min, j, i);
        copyRange(q.max, p.max, j, i);
        if (int64 != null) {
            int64.merge(slot, other.int64, s);
        }
        if (beyond != null) {
            beyond.add(slot, other.beyond, s, q.labels[os]);
        }
    }

    private void copyRange(double[] from, double[] to, int fromIndex, int toIndex) {
        if (from != null) {
            System.arraycopy(from, fromIndex, to, toIndex, channels);
        }
    }

    /** Restores one label's raw state (used by {@link LabelStateSerde}). */
    void restore(long label, long count, double[] coords, double[] k, double[] s, double[] q2, double[] q3,
            double[] q4, double[] lo, double[] hi) {
        int slot = slotFor(label);
        Page p = page(slot);
        int o = slot & pageMask;
        if (p.counts[o] != 0) {
            throw new IllegalArgumentException("label " + label + " appears twice in serialized state");
        }
        p.counts[o] = count;
        if (p.coordinateSums != null) {
            System.arraycopy(coords, 0, p.coordinateSums, o * 3, 3);
        }
        int i = o * channels;
        copyFrom(k, p.shifts, i);
        copyFrom(s, p.sums, i);
        copyFrom(q2, p.m2, i);
        copyFrom(q3, p.m3, i);
        copyFrom(q4, p.m4, i);
        copyFrom(lo, p.min, i);
        copyFrom(hi, p.max, i);
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

    private void copyFrom(double[] from, double[] to, int toIndex) {
        if (to != null) {
            System.arraycopy(from, 0, to, toIndex, channels);
        }
    }

    /** Approximate heap bytes per label of a state with these features and channels. */
    public static long bytesPerLabel(Features features, int channels) {
        int perChannel = (features.momentOrder() >= 1 ? 2 : 0) + (features.momentOrder() >= 2 ? 1 : 0)
                + (features.momentOrder() >= 4 ? 2 : 0) + (features.minMax() ? 2 : 0);
        // map (key, value, used flag at load 0.25..0.5) + label + count + coordinates + values
        return 2 * 13 + 16 + (features.center() ? 24 : 0) + 8L * perChannel * channels
                + ShapeOrderState.bytesPerLabel(features, channels);
    }
}
