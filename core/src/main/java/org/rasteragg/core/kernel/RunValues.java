package org.rasteragg.core.kernel;

import java.util.Arrays;

/**
 * The statistics that need each voxel's value with its position or its label's other values:
 * intensity-weighted coordinate sums (weighted centers) and each label's sorted distinct values
 * with their counts (median and quantiles). Two ways in:
 * <ul>
 *   <li>{@link #voxels}: images whose values fit an int (most microscopy), voxel by voxel from
 *       each voxel's slot, with {@link IntegerChannelReducer#LANES} accumulator copies per label
 *       (as the reducers, for the same reason: no loop exit per run of ~12 voxels);
 *   <li>{@link #channel}: float and 64-bit images, run by run over float64 values.
 * </ul>
 *
 * <p>Values of a slot are gathered by a counting sort on the slot (offsets from the voxel
 * counts), sorted ({@code Arrays.sort} on ints where they fit, else doubles) and collapsed into
 * (value, count) pairs: no per-voxel allocation, no boxing.
 *
 * <p>Scratch of one {@link BlockKernel}: not thread-safe.
 */
final class RunValues {

    private final boolean wcenter;
    private final boolean ordered;
    /** Per slot of the current channel: sum of values, and sums of value x local z, y, x. */
    private double[] sv = new double[256];
    private double[] svz = new double[256];
    private double[] svy = new double[256];
    private double[] svx = new double[256];
    /** Counting-sort scratch: start of each slot's values, and the grouped values. */
    private int[] start = new int[257];
    private int[] cursor = new int[256];
    private double[] grouped = new double[0];
    private int[] groupedInts = new int[0];
    /** Counting scratch of {@link #histogram}, left zeroed. */
    private int[] bins = new int[256];
    private int[] row = new int[0];
    /**
     * Voxel path: per (channel, slot, lane) the sums of value, value x local x, y and z, at
     * {@code ((((c * labels + k) << 2) | lane) << 2) + component}; left zeroed after each block.
     */
    private double[] lanes = new double[0];
    /** Collapsed (value, count) pairs of all slots and channels of the block so far. */
    private double[] pairValues = new double[0];
    private int[] pairCounts = new int[0];
    private int pairs;
    private int[] offsets = new int[1];

    RunValues(boolean wcenter, boolean ordered) {
        this.wcenter = wcenter;
        this.ordered = ordered;
    }

    /** Scratch bytes for a block of {@code voxels} voxels and {@code channels} channels (the memory bound). */
    static long scratchBytes(long voxels, int channels, boolean ordered) {
        return ordered ? voxels * 12 + voxels * channels * (8L + 4) : 0;
    }

    /** Starts a block of {@code labels} slots and {@code channels} channels. */
    void startBlock(int labels, int channels, BlockPartial p) {
        if (wcenter) {
            p.weightedSums = new double[3 * labels * channels];
            if (sv.length < labels) {
                int n = Math.max(labels, 2 * sv.length);
                sv = new double[n];
                svz = new double[n];
                svy = new double[n];
                svx = new double[n];
            }
        }
        if (ordered) {
            pairs = 0;
            if (offsets.length < labels * channels + 1) {
                offsets = new int[labels * channels + 1];
            }
            if (cursor.length < labels) {
                cursor = new int[Math.max(labels, 2 * cursor.length)];
                start = new int[cursor.length + 1];
            }
        }
    }

    /**
     * One channel: {@code values[0 .. voxels)} in block order; runs {@code [runStart[r],
     * runStart[r + 1])} of slot {@code runSlot[r]}; rows of {@code ex} voxels, {@code ey} rows per z.
     */
    void channel(int c, double[] values, int[] runStart, int[] runSlot, int runCount, long[] counts, int labels,
            int ex, int ey, long[] origin, BlockPartial p) {
        if (wcenter) {
            weightedSums(c, values, runStart, runSlot, runCount, labels, ex, ey, origin, p);
        }
        if (ordered) {
            sortedCounts(c, values, runStart, runSlot, runCount, counts, labels);
        }
    }

    /**
     * Every channel of a block whose values fit an int, from each voxel's slot ({@code slotOf},
     * block C order); rows of {@code rows.width()} voxels, {@code ey} rows per z.
     */
    void voxels(ImageRows rows, int[] slotOf, long[] counts, int labels, int channels, int ey, long[] origin,
            BlockPartial p) {
        int ex = rows.width();
        if (row.length < ex) {
            row = new int[ex];
        }
        int voxels = rows.count() * ex;
        boolean threeD = rows.count() > ey;
        if (wcenter && lanes.length < (labels * channels) << 4) {
            lanes = new double[Math.max((labels * channels) << 4, 2 * lanes.length)];
        }
        if (ordered) {
            if (groupedInts.length < voxels) {
                groupedInts = new int[voxels];
            }
            startGroups(counts, labels);
        }
        for (int c = 0; c < channels; c++) {
            if (ordered) {
                for (int k = 0; k < labels; k++) {
                    cursor[k] = start[k];
                }
            }
            int base = c * labels;
            for (int r = 0, v = 0; r < rows.count(); r++, v += ex) {
                rows.readIntegers(c, r, row);
                if (wcenter) {
                    weightedRow(slotOf, v, ex, base, r - (r / ey) * ey, r / ey, threeD);
                }
                if (ordered) {
                    int[] g = groupedInts;
                    for (int i = 0; i < ex; i++) {
                        g[cursor[slotOf[v + i]]++] = row[i];
                    }
                }
            }
            if (wcenter) {
                collectLanes(c, labels, counts, origin, p);
            }
            if (ordered) {
                collapseInts(c, labels, voxels);
            }
        }
    }

    /**
     * Adds value x local x, y (and z in a 3D block) of one row of channel values ({@link #row}) to
     * the lanes. The plain value sums are not added here: the channel reducer has them exactly. A 2D
     * block has z = 0 everywhere, so its z sums stay 0.
     */
    private void weightedRow(int[] slotOf, int v, int ex, int base, double y, double z, boolean threeD) {
        double[] acc = lanes;
        int[] x = row;
        if (threeD) {
            for (int i = 0; i < ex; i++) {
                int j = (((base + slotOf[v + i]) << 2) | (i & 3)) << 2;
                double value = x[i];
                acc[j + 1] += value * i;
                acc[j + 2] += value * y;
                acc[j + 3] += value * z;
            }
        } else {
            for (int i = 0; i < ex; i++) {
                int j = (((base + slotOf[v + i]) << 2) | (i & 3)) << 2;
                double value = x[i];
                acc[j + 1] += value * i;
                acc[j + 2] += value * y;
            }
        }
    }

    /**
     * Sums the lanes of channel {@code c} (zeroing them) into the partial's global weighted sums;
     * a slot's value sum is the channel reducer's exact one (shifted sum + count x shift), which
     * equals the float64 sum of the values wherever that sum is exact (below 2^53).
     */
    private void collectLanes(int c, int labels, long[] counts, long[] origin, BlockPartial p) {
        double[] acc = lanes;
        double[] out = p.weightedSums;
        for (int k = 0; k < labels; k++) {
            int j = ((c * labels + k) << 4);
            int ck = c * labels + k;
            double s = (double) ((long) p.sums[ck] + counts[k] * (long) p.shifts[ck]);
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int l = 0; l < 16; l += 4) {
                sx += acc[j + l + 1];
                sy += acc[j + l + 2];
                sz += acc[j + l + 3];
            }
            java.util.Arrays.fill(acc, j, j + 16, 0.0);
            int at = 3 * (c * labels + k);
            out[at] = sz + origin[0] * s;
            out[at + 1] = sy + origin[1] * s;
            out[at + 2] = sx + origin[2] * s;
        }
    }

    private void startGroups(long[] counts, int labels) {
        start[0] = 0;
        for (int k = 0; k < labels; k++) {
            start[k + 1] = start[k] + (int) counts[k];
        }
    }

    private void ensurePairs(int more) {
        if (pairValues.length < pairs + more) {
            int n = Math.max(pairs + more, 2 * pairValues.length);
            pairValues = Arrays.copyOf(pairValues, n);
            pairCounts = Arrays.copyOf(pairCounts, n);
        }
    }

    /**
     * Each slot's ints as (value, count) pairs: by a histogram over the slot's value range where
     * that range is small next to its voxel count (ties, narrow intensities: linear time, no
     * sort), else sorted (ints sort faster than doubles, and have no -0.0) and collapsed through
     * the float64 scratch. Both give the same pairs.
     */
    private void collapseInts(int c, int labels, int voxels) {
        ensurePairs(voxels);
        if (grouped.length < voxels) {
            grouped = new double[voxels];
        }
        int[] g = groupedInts;
        double[] d = grouped;
        for (int k = 0; k < labels; k++) {
            int from = start[k];
            int to = start[k + 1];
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = from; i < to; i++) {
                lo = Math.min(lo, g[i]);
                hi = Math.max(hi, g[i]);
            }
            long range = (long) hi - lo + 1;
            if (range <= 4L * (to - from) + 64) {
                histogram(c * labels + k, g, from, to, lo, (int) range);
                continue;
            }
            Arrays.sort(g, from, to);
            for (int i = from; i < to; i++) {
                d[i] = g[i];
            }
            collapse(c * labels + k, d, from, to);
        }
    }

    /** The pairs of {@code g[from, to)}, whose values lie in {@code [lo, lo + range)}, by counting. */
    private void histogram(int list, int[] g, int from, int to, int lo, int range) {
        if (bins.length < range) {
            bins = new int[Math.max(range, 2 * bins.length)];
        }
        int[] b = bins;
        for (int i = from; i < to; i++) {
            b[g[i] - lo]++;
        }
        offsets[list] = pairs;
        for (int v = 0; v < range; v++) {
            if (b[v] != 0) {
                pairValues[pairs] = (double) lo + v;
                pairCounts[pairs] = b[v];
                pairs++;
                b[v] = 0;
            }
        }
    }

    /** Appends the sorted values {@code g[from, to)} as (value, count) pairs of list {@code list}. */
    private void collapse(int list, double[] g, int from, int to) {
        offsets[list] = pairs;
        for (int i = from; i < to; ) {
            double v = g[i];
            int j = i + 1;
            // Equal as doubles, or -0.0 next to 0.0: one value for the quantiles.
            while (j < to && g[j] == v) {
                j++;
            }
            pairValues[pairs] = v;
            pairCounts[pairs] = j - i;
            pairs++;
            i = j;
        }
    }

    private void weightedSums(int c, double[] x, int[] runStart, int[] runSlot, int runCount, int labels, int ex,
            int ey, long[] origin, BlockPartial p) {
        Arrays.fill(sv, 0, labels, 0.0);
        Arrays.fill(svz, 0, labels, 0.0);
        Arrays.fill(svy, 0, labels, 0.0);
        Arrays.fill(svx, 0, labels, 0.0);
        int r = 0;
        for (int row = 0, rowStart = 0; r < runCount; row++, rowStart += ex) {
            int z = row / ey;
            int y = row - z * ey;
            int rowEnd = rowStart + ex;
            // Runs never cross a row (mapLabels closes one at each row's end).
            for (; r < runCount && runStart[r] < rowEnd; r++) {
                int k = runSlot[r];
                double s = 0;
                double sx = 0;
                for (int i = runStart[r], end = runStart[r + 1]; i < end; i++) {
                    double v = x[i];
                    s += v;
                    sx += v * (i - rowStart);
                }
                sv[k] += s;
                svz[k] += s * z;
                svy[k] += s * y;
                svx[k] += sx;
            }
        }
        double[] out = p.weightedSums;
        for (int k = 0; k < labels; k++) {
            int at = 3 * (c * labels + k);
            out[at] = svz[k] + origin[0] * sv[k];
            out[at + 1] = svy[k] + origin[1] * sv[k];
            out[at + 2] = svx[k] + origin[2] * sv[k];
        }
    }

    private void sortedCounts(int c, double[] x, int[] runStart, int[] runSlot, int runCount, long[] counts,
            int labels) {
        int voxels = runStart[runCount];
        if (grouped.length < voxels) {
            grouped = new double[voxels];
        }
        startGroups(counts, labels);
        for (int k = 0; k < labels; k++) {
            cursor[k] = start[k];
        }
        double[] g = grouped;
        for (int r = 0; r < runCount; r++) {
            int k = runSlot[r];
            int from = runStart[r];
            int n = runStart[r + 1] - from;
            System.arraycopy(x, from, g, cursor[k], n);
            cursor[k] += n;
        }
        ensurePairs(voxels);
        for (int k = 0; k < labels; k++) {
            Arrays.sort(g, start[k], start[k + 1]);
            collapse(c * labels + k, g, start[k], start[k + 1]);
        }
    }

    /** Hands the block's (value, count) pairs to {@code p}, after the last channel. */
    void finishBlock(int labels, int channels, BlockPartial p) {
        if (ordered) {
            offsets[labels * channels] = pairs;
            p.orderOffsets = Arrays.copyOf(offsets, labels * channels + 1);
            p.orderValues = Arrays.copyOf(pairValues, pairs);
            p.orderCounts = Arrays.copyOf(pairCounts, pairs);
        }
    }
}
