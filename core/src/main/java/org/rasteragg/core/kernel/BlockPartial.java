package org.rasteragg.core.kernel;

/**
 * What one block contributes: for each label present in the block (local slot 0..L-1), its voxel
 * count, coordinate sums and, per channel, a shift (one of the label's values in the block), the
 * sum of values minus the shift, the central moments about the block-local mean, min and max. Arrays of values are channel-major: index {@code c * labelCount + slot}.
 * Arrays that the requested statistics do not need are null.
 *
 * <p>Produced by {@link BlockKernel}, consumed once by {@code LabelState.add}; not thread-safe.
 */
public final class BlockPartial {
    public final int labelCount;
    public final int channels;
    public final long[] labels;
    public final long[] counts;
    /** z, y, x coordinate sums per label, interleaved ({@code 3 * slot + axis}); null without center of mass. */
    public final double[] coordinateSums;
    /** Per label and channel, the value that {@link #sums} are taken relative to. */
    public final double[] shifts;
    /** Per label and channel, sum of (value - shift). */
    public final double[] sums;
    public final double[] m2;
    public final double[] m3;
    public final double[] m4;
    public final double[] min;
    public final double[] max;
    /**
     * Beyond harpy's statistics (null unless tracked), set by the kernel after construction.
     * Per label: min z, y, x (inclusive) and max z, y, x (exclusive), global ({@code 6 * slot + i}).
     */
    public long[] bbox;
    /**
     * Per label, exact global coordinate moments: sums of z, y, x, then the sums of zz, yy, xx, zy,
     * zx, yx as 128-bit (high, low) pairs ({@code 15 * slot + i}); see {@code Int128}.
     */
    public long[] axisMoments;
    /** Per label and channel, the sums of value x z, y, x ({@code 3 * (c * labelCount + slot) + axis}). */
    public double[] weightedSums;
    /**
     * For an int64 or uint64 image with min/max (else null): per label and channel the exact min and
     * max as raw 64-bit patterns, laid out as {@link #min}; compared unsigned when
     * {@link #unsignedExtremes}. The float64 {@link #min} and {@link #max} round above 2^53.
     */
    public long[] exactMin;
    public long[] exactMax;
    public boolean unsignedExtremes;
    /**
     * Sorted distinct values and their counts per label and channel: those of (channel c, slot k)
     * are at {@code [orderOffsets[c * labelCount + k], orderOffsets[c * labelCount + k + 1])} of
     * {@link #orderValues} and {@link #orderCounts}.
     */
    public int[] orderOffsets;
    public double[] orderValues;
    public int[] orderCounts;

    public BlockPartial(int labelCount, int channels, long[] labels, long[] counts, double[] coordinateSums, double[] shifts, double[] sums,
            double[] m2, double[] m3, double[] m4, double[] min, double[] max) {
        this.labelCount = labelCount;
        this.channels = channels;
        this.labels = labels;
        this.counts = counts;
        this.coordinateSums = coordinateSums;
        this.shifts = shifts;
        this.sums = sums;
        this.m2 = m2;
        this.m3 = m3;
        this.m4 = m4;
        this.min = min;
        this.max = max;
    }
}
