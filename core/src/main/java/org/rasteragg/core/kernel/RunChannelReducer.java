package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * The run-by-run reduction of {@link BlockKernel} for images the voxel reducers do not take (uint32,
 * 64-bit and float images): per channel, the values are gathered as float64 row by row; a first
 * pass over the block's runs sums them relative to each slot's shift (its first value) and keeps
 * min and max, with a run's sums in registers; a second pass adds the central moments about each
 * slot's block-local mean. Holds the channel's values and per-slot scratch for reuse: not
 * thread-safe, one per kernel.
 */
final class RunChannelReducer {

    private final Features features;
    private double[] values = new double[0];
    private double[] sum = new double[256];
    private double[] shift = new double[256];
    private double[] mean = new double[256];
    private double[] q2 = new double[256];
    private double[] q3 = new double[256];
    private double[] q4 = new double[256];
    private double[] lo = new double[256];
    private double[] hi = new double[256];
    private int shiftedSlots;
    private int runCursor;
    /** The block's runs (runStart[runCount] = voxels), their slots, and per slot its voxels and label. */
    private int[] runStart;
    private int[] runSlot;
    private int runCount;
    private long[] counts;
    private long[] labels;
    private int labelCount;

    RunChannelReducer(Features features) {
        this.features = features;
    }

    /** Takes the block's runs and slots, which the kernel's label pass made, for its channels. */
    void startBlock(int voxels, int labelCount, int[] runStart, int[] runSlot, int runCount, long[] counts,
            long[] labels) {
        if (values.length < voxels) {
            values = new double[voxels];
        }
        if (sum.length < labelCount) {
            int n = Math.max(labelCount, sum.length * 2);
            sum = new double[n];
            shift = new double[n];
            mean = new double[n];
            q2 = new double[n];
            q3 = new double[n];
            q4 = new double[n];
            lo = new double[n];
            hi = new double[n];
        }
        this.labelCount = labelCount;
        this.runStart = runStart;
        this.runSlot = runSlot;
        this.runCount = runCount;
        this.counts = counts;
        this.labels = labels;
    }

    /** Reduces channel {@code channel} of the block into {@code p}. */
    void channel(Block block, ImageRows rows, int channel, BlockPartial p) {
        startChannel();
        gatherChannel(rows, channel);
        finishChannel(block, p, channel);
    }

    /** The values of the channel last reduced, in block voxel order. */
    double[] values() {
        return values;
    }

    /** Gathers one channel row by row, running the first pass on each row while it is in L1. */
    private void gatherChannel(ImageRows rows, int channel) {
        int ex = rows.width();
        int v = 0;
        for (int r = 0; r < rows.count(); r++) {
            rows.readValues(channel, r, values, v);
            v += ex;
            firstPass(v);
        }
    }

    /** Resets the per-slot accumulators of the first pass. */
    private void startChannel() {
        Arrays.fill(sum, 0, labelCount, 0.0);
        if (features.minMax()) {
            Arrays.fill(lo, 0, labelCount, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, 0, labelCount, Double.NEGATIVE_INFINITY);
        }
        shiftedSlots = 0;
        runCursor = 0;
    }

    /**
     * First pass over the runs that end at or before voxel {@code to}: per run, the sum relative to
     * the slot's shift, min and max, accumulated in registers and added to the slot once.
     */
    private void firstPass(int to) {
        double[] x = values;
        boolean minMax = features.minMax();
        int r = runCursor;
        while (r < runCount && runStart[r + 1] <= to) {
            int k = runSlot[r];
            int start = runStart[r];
            int end = runStart[r + 1];
            if (k == shiftedSlots) {
                // Slots are numbered in order of first appearance, so this is the slot's first run.
                shift[k] = x[start];
                shiftedSlots++;
            }
            double kk = shift[k];
            double s = 0;
            if (minMax) {
                double min = lo[k];
                double max = hi[k];
                for (int i = start; i < end; i++) {
                    double v = x[i];
                    s += v - kk;
                    // Branches, not Math.min/max: within a cell new extremes are rare, so these
                    // predict well, and they skip Math.min's NaN and -0.0 handling (NaN is rejected).
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                lo[k] = min;
                hi[k] = max;
            } else {
                for (int i = start; i < end; i++) {
                    s += x[i] - kk;
                }
            }
            sum[k] += s;
            r++;
        }
        runCursor = r;
    }

    /** NaN check, copies of the first pass, and the second (central moment) pass. */
    private void finishChannel(Block block, BlockPartial p, int channel) {
        int order = features.momentOrder();
        for (int k = 0; k < labelCount; k++) {
            if (Double.isNaN(sum[k])) {
                throw nanError(block, channel);
            }
        }
        int base = channel * labelCount;
        if (order >= 1) {
            System.arraycopy(shift, 0, p.shifts, base, labelCount);
            System.arraycopy(sum, 0, p.sums, base, labelCount);
        }
        if (features.minMax()) {
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
        Arrays.fill(q3, 0, labelCount, 0.0);
        Arrays.fill(q4, 0, labelCount, 0.0);
        momentsOfValues(order);
        System.arraycopy(q2, 0, p.m2, base, labelCount);
        if (order >= 4) {
            System.arraycopy(q3, 0, p.m3, base, labelCount);
            System.arraycopy(q4, 0, p.m4, base, labelCount);
        }
    }

    /** The central moment pass over float64 values. */
    private void momentsOfValues(int order) {
        double[] x = values;
        for (int r = 0; r < runCount; r++) {
            int k = runSlot[r];
            int end = runStart[r + 1];
            // Deviations of shifted values from the shifted mean: both small, so no rounding of a
            // large mean leaks into the moments.
            double m = mean[k];
            double kk = shift[k];
            double a2 = 0;
            if (order == 2) {
                for (int i = runStart[r]; i < end; i++) {
                    double d = (x[i] - kk) - m;
                    a2 += d * d;
                }
            } else {
                double a3 = 0;
                double a4 = 0;
                for (int i = runStart[r]; i < end; i++) {
                    double d = (x[i] - kk) - m;
                    double d2 = d * d;
                    a2 += d2;
                    a3 += d2 * d;
                    a4 += d2 * d2;
                }
                q3[k] += a3;
                q4[k] += a4;
            }
            q2[k] += a2;
        }
    }

    private InvalidInputException nanError(Block block, int channel) {
        for (int r = 0; r < runCount; r++) {
            for (int i = runStart[r]; i < runStart[r + 1]; i++) {
                if (Double.isNaN(values[i])) {
                    int ex = block.extent()[2];
                    int ey = block.extent()[1];
                    long x = block.origin()[2] + i % ex;
                    long y = block.origin()[1] + (i / ex) % ey;
                    long z = block.origin()[0] + i / (ex * ey);
                    return new InvalidInputException("NaN image value in channel " + channel + " at (z, y, x) = (" + z
                            + ", " + y + ", " + x + ") of label " + labels[runSlot[r]]
                            + "; statistics of NaN values are undefined (mask such voxels out)");
                }
            }
        }
        return new InvalidInputException("NaN image value in channel " + channel + " (infinite values of both signs)");
    }
}
