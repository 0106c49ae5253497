package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * Reduces the channels of an integer image whose values fit an int (int8, uint8, int16, uint16,
 * int32) over one block, voxel by voxel, into {@link BlockPartial}'s per-label sums, min, max and
 * central moments.
 *
 * <p>Why voxel by voxel and not run by run: cells are runs of 4 to 15 voxels along x, and a loop per
 * run pays a mispredicted loop exit and its set-up for every run, which cost more than the
 * arithmetic. Here every voxel adds into its label's accumulator directly ({@code acc[slot] += v}),
 * in one loop per row whose branches all predict. Consecutive voxels usually share a label, so the
 * next add would wait for the previous store; each label therefore has {@link #LANES} copies of
 * every accumulator and voxel {@code x} uses copy {@code x % LANES}. The copies are independent
 * chains the CPU overlaps, and are summed once per block.
 *
 * <p>Two passes, both row by row with all channels of a row while its slots are in L1:
 * <ol>
 *   <li>exact long sums, min and max; then per label the shift {@code K = floor(sum / n)} and the
 *       exact shifted sum {@code sum - n K}, in {@code [0, n)};
 *   <li>central moments of {@code (v - K) - mean'} where {@code v - K} is exact and {@code mean'} is
 *       the small shifted mean: float64 accuracy for any offset of the data (60000 +/- 3 as well as
 *       0 +/- 3), and exactly zero for a constant label.
 * </ol>
 *
 * <p>Accumulators are left reset after each block, so a block costs no clearing of the arrays.
 * Holds scratch buffers: not thread-safe; one instance per {@link BlockKernel}.
 */
final class IntegerChannelReducer implements ChannelReducer {

    /** Accumulator copies per label; a power of two. Four measured fastest here (two and eight were not faster). */
    static final int LANES = 4;
    private static final int LANE_BITS = 2;
    private static final int LANE_MASK = LANES - 1;

    private final Features features;
    private int[] row = new int[0];
    private long[] sum = new long[0];
    private int[] lo = new int[0];
    private int[] hi = new int[0];
    private double[] q2 = new double[0];
    private double[] q3 = new double[0];
    private double[] q4 = new double[0];
    /** Per label and channel ({@code c * labels + slot}): the shift K and the shifted mean. */
    private int[] shift = new int[0];
    private double[] mean = new double[0];

    IntegerChannelReducer(Features features) {
        this.features = features;
    }

    /** Whether this reducer handles images of {@code type}. */
    static boolean handles(DType type) {
        return type.isInteger() && (type.byteSize() < 4 || type == DType.INT32);
    }

    @Override
    public void reduce(Block block, ImageRows rows, int[] slotOf, long[] counts, BlockPartial p) {
        int labels = p.labelCount;
        int channels = p.channels;
        ensureCapacity(labels * channels, block.extent()[2]);
        boolean sums = features.momentOrder() >= 1;
        boolean minMax = features.minMax();
        try {
            firstPass(rows, slotOf, labels, channels, sums, minMax);
            collectFirstPass(counts, p, sums, minMax);
            if (features.momentOrder() >= 2) {
                secondPass(rows, slotOf, labels, channels, features.momentOrder() >= 4);
                collectSecondPass(p, features.momentOrder() >= 4);
            }
        } catch (RuntimeException | Error e) {
            // A pass that stopped half-way leaves accumulators set; start the next block from new ones.
            shift = new int[0];
            throw e;
        }
    }

    /**
     * Pass one over every row and channel. Each row's voxel loop is a method of its own, which the
     * JIT compiles with a profile in which the loop ends (it ends on every call). Inside the block's
     * row loop, C2 compiled the voxel loops on-stack during the first block's first call, with exits
     * never yet taken, as uncommon traps; the end of that block then threw the compiled code away
     * (JFR jdk.Deoptimization: unstable_if) and the pass ran in slower tiers until recompiled,
     * some hundreds of milliseconds of a cold 4096^2 run.
     */
    private void firstPass(ImageRows rows, int[] slotOf, int labels, int channels, boolean sums, boolean minMax) {
        int ex = rows.width();
        int[] x = row;
        int v = 0;
        for (int r = 0; r < rows.count(); r++) {
            for (int c = 0; c < channels; c++) {
                rows.readIntegers(c, r, x);
                int base = (c * labels) << LANE_BITS;
                if (sums && minMax) {
                    addSumsAndExtremes(x, ex, slotOf, v, base);
                } else if (sums) {
                    addSums(x, ex, slotOf, v, base);
                } else {
                    addExtremes(x, ex, slotOf, v, base);
                }
            }
            v += ex;
        }
    }

    private void addSumsAndExtremes(int[] x, int ex, int[] slotOf, int v, int base) {
        long[] s = sum;
        int[] min = lo;
        int[] max = hi;
        for (int i = 0; i < ex; i++) {
            int j = base + ((slotOf[v + i] << LANE_BITS) | (i & LANE_MASK));
            int value = x[i];
            s[j] += value;
            min[j] = Math.min(min[j], value);
            max[j] = Math.max(max[j], value);
        }
    }

    private void addSums(int[] x, int ex, int[] slotOf, int v, int base) {
        long[] s = sum;
        for (int i = 0; i < ex; i++) {
            s[base + ((slotOf[v + i] << LANE_BITS) | (i & LANE_MASK))] += x[i];
        }
    }

    private void addExtremes(int[] x, int ex, int[] slotOf, int v, int base) {
        int[] min = lo;
        int[] max = hi;
        for (int i = 0; i < ex; i++) {
            int j = base + ((slotOf[v + i] << LANE_BITS) | (i & LANE_MASK));
            int value = x[i];
            min[j] = Math.min(min[j], value);
            max[j] = Math.max(max[j], value);
        }
    }

    /** Sums the lanes (resetting them), derives shift and shifted mean, and fills sums, min and max. */
    private void collectFirstPass(long[] counts, BlockPartial p, boolean sums, boolean minMax) {
        int labels = p.labelCount;
        for (int c = 0; c < p.channels; c++) {
            for (int k = 0; k < labels; k++) {
                int ck = c * labels + k;
                int j = ck << LANE_BITS;
                if (sums) {
                    long total = 0;
                    for (int l = 0; l < LANES; l++) {
                        total += sum[j + l];
                        sum[j + l] = 0;
                    }
                    long n = counts[k];
                    // floor(mean) lies within [min, max], so it is an int and shifted values stay small.
                    long k0 = Math.floorDiv(total, n);
                    long shifted = total - n * k0;
                    shift[ck] = (int) k0;
                    mean[ck] = (double) shifted / n;
                    p.shifts[ck] = k0;
                    p.sums[ck] = shifted;
                }
                if (minMax) {
                    int a = Integer.MAX_VALUE;
                    int b = Integer.MIN_VALUE;
                    for (int l = 0; l < LANES; l++) {
                        a = Math.min(a, lo[j + l]);
                        b = Math.max(b, hi[j + l]);
                        lo[j + l] = Integer.MAX_VALUE;
                        hi[j + l] = Integer.MIN_VALUE;
                    }
                    p.min[ck] = a;
                    p.max[ck] = b;
                }
            }
        }
    }

    /** Pass two over every row and channel; each row's voxel loop a method of its own, as in {@link #firstPass}. */
    private void secondPass(ImageRows rows, int[] slotOf, int labels, int channels, boolean higher) {
        int ex = rows.width();
        int[] x = row;
        int v = 0;
        for (int r = 0; r < rows.count(); r++) {
            for (int c = 0; c < channels; c++) {
                rows.readIntegers(c, r, x);
                int offset = c * labels;
                if (higher) {
                    addMoments(x, ex, slotOf, v, offset);
                } else {
                    addSquares(x, ex, slotOf, v, offset);
                }
            }
            v += ex;
        }
    }

    private void addMoments(int[] x, int ex, int[] slotOf, int v, int offset) {
        int[] k0 = shift;
        double[] m = mean;
        double[] a2 = q2;
        double[] a3 = q3;
        double[] a4 = q4;
        int base = offset << LANE_BITS;
        for (int i = 0; i < ex; i++) {
            int k = slotOf[v + i];
            int ck = offset + k;
            // v - K is exact in a long; the shifted mean is small, so d keeps full precision.
            double d = (double) ((long) x[i] - k0[ck]) - m[ck];
            double d2 = d * d;
            int j = base + ((k << LANE_BITS) | (i & LANE_MASK));
            a2[j] += d2;
            a3[j] += d2 * d;
            a4[j] += d2 * d2;
        }
    }

    private void addSquares(int[] x, int ex, int[] slotOf, int v, int offset) {
        int[] k0 = shift;
        double[] m = mean;
        double[] a2 = q2;
        int base = offset << LANE_BITS;
        for (int i = 0; i < ex; i++) {
            int k = slotOf[v + i];
            int ck = offset + k;
            double d = (double) ((long) x[i] - k0[ck]) - m[ck];
            a2[base + ((k << LANE_BITS) | (i & LANE_MASK))] += d * d;
        }
    }

    private void collectSecondPass(BlockPartial p, boolean higher) {
        int n = p.labelCount * p.channels;
        for (int ck = 0; ck < n; ck++) {
            int j = ck << LANE_BITS;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            for (int l = 0; l < LANES; l++) {
                s2 += q2[j + l];
                q2[j + l] = 0;
                if (higher) {
                    s3 += q3[j + l];
                    s4 += q4[j + l];
                    q3[j + l] = 0;
                    q4[j + l] = 0;
                }
            }
            p.m2[ck] = s2;
            if (higher) {
                p.m3[ck] = s3;
                p.m4[ck] = s4;
            }
        }
    }

    private void ensureCapacity(int labelChannels, int width) {
        if (row.length < width) {
            row = new int[width];
        }
        if (shift.length >= labelChannels) {
            return;
        }
        // An eighth to spare, not double: at 60,000 labels a block the lanes take tens of MB, and
        // blocks of one image have about as many labels each.
        int n = labelChannels + (labelChannels >> 3);
        int lanes = n * LANES;
        // New arrays start in the reset state that collect* leaves behind.
        int order = features.momentOrder();
        sum = order >= 1 ? new long[lanes] : sum;
        if (features.minMax()) {
            lo = new int[lanes];
            hi = new int[lanes];
            Arrays.fill(lo, Integer.MAX_VALUE);
            Arrays.fill(hi, Integer.MIN_VALUE);
        }
        q2 = order >= 2 ? new double[lanes] : q2;
        q3 = order >= 4 ? new double[lanes] : q3;
        q4 = order >= 4 ? new double[lanes] : q4;
        shift = new int[n];
        mean = new double[n];
    }
}
