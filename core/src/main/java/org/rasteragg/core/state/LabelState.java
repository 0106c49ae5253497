package org.rasteragg.core.state;

import java.util.Arrays;
import org.rasteragg.core.kernel.BlockPartial;

/**
 * The mergeable per-label partial state of an aggregation: for every label seen so far, its voxel
 * count, coordinate sums and, per channel, the sum, central moments M2..M4, min and max. Memory is
 * proportional to the labels present (a primitive hash map to dense slots), never to the largest
 * label id. Values are slot-major: index {@code slot * channels + channel}.
 *
 * <p>An accumulator: {@link #add} and {@link #addAll} mutate this state. For a merge that leaves
 * its inputs untouched use {@link LabelStateMerger#merge}. Binary form: {@link LabelStateSerde}.
 *
 * <p>Not thread-safe.
 */
public final class LabelState {

    private final Features features;
    private final int channels;
    private final LongIntHashMap slots;
    private int size;
    private long[] labels;
    private long[] counts;
    private double[] coordinateSums;
    private double[] shifts;
    private double[] sums;
    private double[] m2;
    private double[] m3;
    private double[] m4;
    private double[] min;
    private double[] max;

    /**
     * @param features what is tracked
     * @param channels image channels (0 when no statistic needs the image)
     * @param expectedLabels capacity hint
     */
    public LabelState(Features features, int channels, int expectedLabels) {
        if (features.needsImage() && channels <= 0) {
            throw new IllegalArgumentException("statistics of image values need at least one channel");
        }
        this.features = features;
        this.channels = features.needsImage() ? channels : 0;
        this.slots = new LongIntHashMap(expectedLabels);
        allocate(Math.max(16, expectedLabels));
    }

    public LabelState(Features features, int channels) {
        this(features, channels, 1024);
    }

    private void allocate(int capacity) {
        labels = new long[capacity];
        counts = new long[capacity];
        int values = capacity * channels;
        coordinateSums = features.center() ? new double[capacity * 3] : null;
        shifts = features.momentOrder() >= 1 ? new double[values] : null;
        sums = features.momentOrder() >= 1 ? new double[values] : null;
        m2 = features.momentOrder() >= 2 ? new double[values] : null;
        m3 = features.momentOrder() >= 4 ? new double[values] : null;
        m4 = features.momentOrder() >= 4 ? new double[values] : null;
        if (features.minMax()) {
            min = new double[values];
            max = new double[values];
        }
    }

    private void grow() {
        int capacity = labels.length + (labels.length >> 1) + 16;
        labels = Arrays.copyOf(labels, capacity);
        counts = Arrays.copyOf(counts, capacity);
        int values = capacity * channels;
        coordinateSums = coordinateSums == null ? null : Arrays.copyOf(coordinateSums, capacity * 3);
        shifts = shifts == null ? null : Arrays.copyOf(shifts, values);
        sums = sums == null ? null : Arrays.copyOf(sums, values);
        m2 = m2 == null ? null : Arrays.copyOf(m2, values);
        m3 = m3 == null ? null : Arrays.copyOf(m3, values);
        m4 = m4 == null ? null : Arrays.copyOf(m4, values);
        min = min == null ? null : Arrays.copyOf(min, values);
        max = max == null ? null : Arrays.copyOf(max, values);
    }

    /** The slot of {@code label}, creating an empty one when new. */
    private int slotFor(long label) {
        int slot = slots.getOrPut(label, size);
        if (slot == size) {
            if (size == labels.length) {
                grow();
            }
            labels[size] = label;
            if (min != null) {
                Arrays.fill(min, size * channels, (size + 1) * channels, Double.POSITIVE_INFINITY);
                Arrays.fill(max, size * channels, (size + 1) * channels, Double.NEGATIVE_INFINITY);
            }
            size++;
        }
        return slot;
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
        return Arrays.copyOf(labels, size);
    }

    /** The slot of {@code label}, or {@link LongIntHashMap#MISSING}. */
    public int slotOf(long label) {
        return slots.get(label);
    }

    public long label(int slot) {
        return labels[slot];
    }

    public long count(int slot) {
        return counts[slot];
    }

    /** Sum of coordinates along axis 0 (z), 1 (y) or 2 (x). */
    public double coordinateSum(int slot, int axis) {
        return coordinateSums[slot * 3 + axis];
    }

    /** Sum of the values (exact for integer images while it stays below 2^53). */
    public double sum(int slot, int channel) {
        int i = slot * channels + channel;
        return sums[i] + counts[slot] * shifts[i];
    }

    /** Mean of the values, from the shifted sum (no rounding of a large sum). */
    public double mean(int slot, int channel) {
        int i = slot * channels + channel;
        return shifts[i] + sums[i] / counts[slot];
    }

    /** The shift K of the label's sums: one of its values. */
    public double shift(int slot, int channel) {
        return shifts[slot * channels + channel];
    }

    /** Sum of (value - {@link #shift}). */
    public double shiftedSum(int slot, int channel) {
        return sums[slot * channels + channel];
    }

    public double m2(int slot, int channel) {
        return m2[slot * channels + channel];
    }

    public double m3(int slot, int channel) {
        return m3[slot * channels + channel];
    }

    public double m4(int slot, int channel) {
        return m4[slot * channels + channel];
    }

    public double min(int slot, int channel) {
        return min[slot * channels + channel];
    }

    public double max(int slot, int channel) {
        return max[slot * channels + channel];
    }

    /** Adds one block's contribution. */
    public void add(BlockPartial p) {
        int order = features.momentOrder();
        for (int local = 0; local < p.labelCount; local++) {
            int slot = slotFor(p.labels[local]);
            long na = counts[slot];
            long nb = p.counts[local];
            counts[slot] = na + nb;
            if (coordinateSums != null) {
                coordinateSums[slot * 3] += p.coordinateSums[local * 3];
                coordinateSums[slot * 3 + 1] += p.coordinateSums[local * 3 + 1];
                coordinateSums[slot * 3 + 2] += p.coordinateSums[local * 3 + 2];
            }
            for (int c = 0; c < channels; c++) {
                int i = slot * channels + c;
                int j = c * p.labelCount + local;
                if (order > 0) {
                    Moments.combine(order, na, nb, shifts, sums, m2, m3, m4, i, p.shifts[j], p.sums[j],
                            order >= 2 ? p.m2[j] : 0, order >= 4 ? p.m3[j] : 0, order >= 4 ? p.m4[j] : 0);
                }
                if (min != null) {
                    min[i] = Math.min(min[i], p.min[j]);
                    max[i] = Math.max(max[i], p.max[j]);
                }
            }
        }
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
        int order = features.momentOrder();
        for (int o = 0; o < other.size; o++) {
            int slot = slotFor(other.labels[o]);
            long na = counts[slot];
            long nb = other.counts[o];
            counts[slot] = na + nb;
            if (coordinateSums != null) {
                for (int a = 0; a < 3; a++) {
                    coordinateSums[slot * 3 + a] += other.coordinateSums[o * 3 + a];
                }
            }
            for (int c = 0; c < channels; c++) {
                int i = slot * channels + c;
                int j = o * channels + c;
                if (order > 0) {
                    Moments.combine(order, na, nb, shifts, sums, m2, m3, m4, i, other.shifts[j], other.sums[j],
                            order >= 2 ? other.m2[j] : 0, order >= 4 ? other.m3[j] : 0, order >= 4 ? other.m4[j] : 0);
                }
                if (min != null) {
                    min[i] = Math.min(min[i], other.min[j]);
                    max[i] = Math.max(max[i], other.max[j]);
                }
            }
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
        }
        for (int s = 0; s < size; s++) {
            out[partOf(labels[s], parts)].copySlotFrom(this, s);
        }
        return out;
    }

    /** The part of {@link #splitByLabelHash} that {@code label} falls in. */
    public static int partOf(long label, int parts) {
        long h = label * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(h ^ (h >>> 29), (long) parts);
    }

    private void copySlotFrom(LabelState other, int o) {
        int slot = slotFor(other.labels[o]);
        counts[slot] = other.counts[o];
        if (coordinateSums != null) {
            System.arraycopy(other.coordinateSums, o * 3, coordinateSums, slot * 3, 3);
        }
        int i = slot * channels;
        int j = o * channels;
        copyRange(other.shifts, shifts, j, i);
        copyRange(other.sums, sums, j, i);
        copyRange(other.m2, m2, j, i);
        copyRange(other.m3, m3, j, i);
        copyRange(other.m4, m4, j, i);
        copyRange(other.min, min, j, i);
        copyRange(other.max, max, j, i);
    }

    private void copyRange(double[] from, double[] to, int fromIndex, int toIndex) {
        if (from != null) {
            System.arraycopy(from, fromIndex, to, toIndex, channels);
        }
    }

    /** Restores one label's raw state (used by {@link LabelStateSerde}). */
    void restore(long label, long count, double[] coords, double[] k, double[] s, double[] q2, double[] q3, double[] q4,
            double[] lo, double[] hi) {
        int slot = slotFor(label);
        if (counts[slot] != 0) {
            throw new IllegalArgumentException("label " + label + " appears twice in serialized state");
        }
        counts[slot] = count;
        if (coordinateSums != null) {
            System.arraycopy(coords, 0, coordinateSums, slot * 3, 3);
        }
        int i = slot * channels;
        if (sums != null) {
            System.arraycopy(k, 0, shifts, i, channels);
            System.arraycopy(s, 0, sums, i, channels);
        }
        if (m2 != null) {
            System.arraycopy(q2, 0, m2, i, channels);
        }
        if (m3 != null) {
            System.arraycopy(q3, 0, m3, i, channels);
            System.arraycopy(q4, 0, m4, i, channels);
        }
        if (min != null) {
            System.arraycopy(lo, 0, min, i, channels);
            System.arraycopy(hi, 0, max, i, channels);
        }
    }

    /** Approximate heap bytes per label of a state with these features and channels. */
    public static long bytesPerLabel(Features features, int channels) {
        int perChannel = (features.momentOrder() >= 1 ? 2 : 0) + (features.momentOrder() >= 2 ? 1 : 0)
                + (features.momentOrder() >= 4 ? 2 : 0) + (features.minMax() ? 2 : 0);
        // map (key, value, used flag at load 0.5) + label + count + coordinates + values, with growth slack
        return (long) ((2 * 13 + 16 + (features.center() ? 24 : 0) + 8L * perChannel * channels) * 1.25);
    }
}
