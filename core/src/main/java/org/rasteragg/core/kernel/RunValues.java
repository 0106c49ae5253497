package org.rasteragg.core.kernel;

import java.util.Arrays;

/**
 * The statistics that need each run's values with its position: intensity-weighted coordinate
 * sums (weighted centers) and each label's sorted distinct values with their counts (median and
 * quantiles). Fed one channel at a time with the block's values in block C order and the runs
 * {@link BlockKernel#mapLabels} recorded.
 *
 * <p>Values of a slot are gathered by a counting sort on the slot (offsets from the voxel
 * counts), sorted with {@link Arrays#sort(double[], int, int)} and collapsed into (value, count)
 * pairs: no per-voxel allocation, no boxing.
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
        return ordered ? voxels * 8 + voxels * channels * (8L + 4) : 0;
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
        start[0] = 0;
        for (int k = 0; k < labels; k++) {
            start[k + 1] = start[k] + (int) counts[k];
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
        if (pairValues.length < pairs + voxels) {
            int n = Math.max(pairs + voxels, 2 * pairValues.length);
            pairValues = Arrays.copyOf(pairValues, n);
            pairCounts = Arrays.copyOf(pairCounts, n);
        }
        for (int k = 0; k < labels; k++) {
            offsets[c * labels + k] = pairs;
            int from = start[k];
            int to = start[k + 1];
            Arrays.sort(g, from, to);
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
