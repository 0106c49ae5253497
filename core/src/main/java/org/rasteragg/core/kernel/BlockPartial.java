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
