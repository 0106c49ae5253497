package org.rasteragg.core.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * {@link IntegerChannelReducer} with the channels of a voxel in the lanes of one SIMD vector: all
 * channels of a voxel share its label, so one vector add updates one label's accumulators for four
 * channels at once, where a vector over consecutive voxels would mix labels. Rows of all channels
 * are first interleaved into a voxel-major float64 row ({@code [x][channel]}, channels padded to a
 * multiple of 4).
 *
 * <p>It does exactly the scalar reducer's arithmetic in the same order (the same four accumulator
 * copies per label, chosen by {@code x % 4}, summed in the same order), so both give the same bits;
 * sums are exact because values of at most 16 bits sum exactly in float64 up to 2^37 voxels.
 *
 * <p>Uses the incubating {@code jdk.incubator.vector} API; only {@link VectorSupport} creates it.
 */
final class VectorChannelReducer implements ChannelReducer {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    /** Four ints: one channel group of a voxel before widening to {@link #SPECIES}. */
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
    private static final int WIDTH = 4;
    private static final int LANES = IntegerChannelReducer.LANES;

    private final Features features;
    /** Channels rounded up to a multiple of {@link #WIDTH}. */
    private int padded;
    /**
     * One row, voxel-major: {@code [x * padded + channel]}; padding lanes stay 0. Ints, widened to
     * float64 four at a time in the passes: a scalar int-to-double conversion per value cost more
     * than the rest of the interleaving.
     */
    private int[] interleaved = new int[0];
    /** Accumulators {@code [(slot * LANES + lane) * padded + channel]}. */
    private double[] sum = new double[0];
    private double[] lo = new double[0];
    private double[] hi = new double[0];
    private double[] q2 = new double[0];
    private double[] q3 = new double[0];
    private double[] q4 = new double[0];
    /** Per slot and channel ({@code slot * padded + channel}): the shift K and the shifted mean. */
    private double[] shift = new double[0];
    private double[] mean = new double[0];

    VectorChannelReducer(Features features) {
        this.features = features;
    }

    @Override
    public void reduce(Block block, ImageRows rows, int[] slotOf, long[] counts, BlockPartial p) {
        int labels = p.labelCount;
        int channels = p.channels;
        int width = (channels + WIDTH - 1) / WIDTH * WIDTH;
        ensureCapacity(labels, width, rows.width());
        boolean sums = features.momentOrder() >= 1;
        boolean minMax = features.minMax();
        try {
            firstPass(rows, slotOf, channels, sums, minMax);
            collectFirstPass(counts, p, sums, minMax);
            if (features.momentOrder() >= 2) {
                boolean higher = features.momentOrder() >= 4;
                secondPass(rows, slotOf, channels, higher);
                collectSecondPass(p, higher);
            }
        } catch (RuntimeException | Error e) {
            // A pass that stopped half-way leaves accumulators set; start the next block from new ones.
            shift = new double[0];
            throw e;
        }
    }

    /** Interleaves row {@code r} of every channel into {@link #interleaved}. */
    private void interleave(ImageRows rows, int r, int channels) {
        for (int c = 0; c < channels; c++) {
            rows.interleaveIntegers(c, r, interleaved, c, padded);
        }
    }

    private void firstPass(ImageRows rows, int[] slotOf, int channels, boolean sums, boolean minMax) {
        int ex = rows.width();
        int v = 0;
        for (int r = 0; r < rows.count(); r++) {
            interleave(rows, r, channels);
            for (int g = 0; g < padded; g += WIDTH) {
                // One loop per case and channel group: the vector API compiles to SIMD only when
                // every vector stays in registers, so the loop bodies are kept small and branch-free.
                if (sums && minMax) {
                    sumMinMaxRow(slotOf, v, ex, g);
                } else if (sums) {
                    sumRow(slotOf, v, ex, g);
                } else {
                    minMaxRow(slotOf, v, ex, g);
                }
            }
            v += ex;
        }
    }

    private void sumMinMaxRow(int[] slotOf, int v, int ex, int g) {
        int stride = padded;
        int[] x = interleaved;
        double[] s = sum;
        double[] a = lo;
        double[] b = hi;
        for (int i = 0; i < ex; i++) {
            int j = ((slotOf[v + i] * LANES) + (i & (LANES - 1))) * stride + g;
            DoubleVector value = widen(x, i * stride + g);
            DoubleVector.fromArray(SPECIES, s, j).add(value).intoArray(s, j);
            DoubleVector.fromArray(SPECIES, a, j).min(value).intoArray(a, j);
            DoubleVector.fromArray(SPECIES, b, j).max(value).intoArray(b, j);
        }
    }

    private void sumRow(int[] slotOf, int v, int ex, int g) {
        int stride = padded;
        int[] x = interleaved;
        double[] s = sum;
        for (int i = 0; i < ex; i++) {
            int j = ((slotOf[v + i] * LANES) + (i & (LANES - 1))) * stride + g;
            DoubleVector.fromArray(SPECIES, s, j).add(widen(x, i * stride + g)).intoArray(s, j);
        }
    }

    private void minMaxRow(int[] slotOf, int v, int ex, int g) {
        int stride = padded;
        int[] x = interleaved;
        double[] a = lo;
        double[] b = hi;
        for (int i = 0; i < ex; i++) {
            int j = ((slotOf[v + i] * LANES) + (i & (LANES - 1))) * stride + g;
            DoubleVector value = widen(x, i * stride + g);
            DoubleVector.fromArray(SPECIES, a, j).min(value).intoArray(a, j);
            DoubleVector.fromArray(SPECIES, b, j).max(value).intoArray(b, j);
        }
    }

    private void collectFirstPass(long[] counts, BlockPartial p, boolean sums, boolean minMax) {
        int labels = p.labelCount;
        int channels = p.channels;
        int stride = padded;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector inf = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector negInf = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        double[] total = new double[WIDTH];
        double[] low = new double[WIDTH];
        double[] high = new double[WIDTH];
        for (int k = 0; k < labels; k++) {
            long n = counts[k];
            int base = k * LANES * stride;
            for (int g = 0; g < stride; g += WIDTH) {
                // Sum, min and max over the 4 lanes for 4 channels at once, resetting the lanes.
                int j = base + g;
                if (sums) {
                    DoubleVector t = zero;
                    for (int l = 0; l < LANES; l++) {
                        // Integers below 2^53 in any order: exact.
                        t = t.add(DoubleVector.fromArray(SPECIES, sum, j + l * stride));
                        zero.intoArray(sum, j + l * stride);
                    }
                    t.intoArray(total, 0);
                }
                if (minMax) {
                    DoubleVector a = inf;
                    DoubleVector b = negInf;
                    for (int l = 0; l < LANES; l++) {
                        a = a.min(DoubleVector.fromArray(SPECIES, lo, j + l * stride));
                        b = b.max(DoubleVector.fromArray(SPECIES, hi, j + l * stride));
                        inf.intoArray(lo, j + l * stride);
                        negInf.intoArray(hi, j + l * stride);
                    }
                    a.intoArray(low, 0);
                    b.intoArray(high, 0);
                }
                for (int w = 0; w < WIDTH && g + w < channels; w++) {
                    int c = g + w;
                    int ck = c * labels + k;
                    if (sums) {
                        long t = (long) total[w];
                        long k0 = Math.floorDiv(t, n);
                        long shifted = t - n * k0;
                        shift[k * stride + c] = k0;
                        mean[k * stride + c] = (double) shifted / n;
                        p.shifts[ck] = k0;
                        p.sums[ck] = shifted;
                    }
                    if (minMax) {
                        p.min[ck] = low[w];
                        p.max[ck] = high[w];
                    }
                }
            }
        }
    }

    private void secondPass(ImageRows rows, int[] slotOf, int channels, boolean higher) {
        int ex = rows.width();
        int v = 0;
        for (int r = 0; r < rows.count(); r++) {
            interleave(rows, r, channels);
            for (int g = 0; g < padded; g += WIDTH) {
                if (higher) {
                    momentsRow(slotOf, v, ex, g);
                } else {
                    varianceRow(slotOf, v, ex, g);
                }
            }
            v += ex;
        }
    }

    private void momentsRow(int[] slotOf, int v, int ex, int g) {
        int stride = padded;
        int[] x = interleaved;
        double[] k0 = shift;
        double[] m = mean;
        double[] a2 = q2;
        double[] a3 = q3;
        double[] a4 = q4;
        for (int i = 0; i < ex; i++) {
            int k = slotOf[v + i];
            int j = ((k * LANES) + (i & (LANES - 1))) * stride + g;
            int kc = k * stride + g;
            // (v - K) is exact (integers), then the small shifted mean: the scalar reducer's d.
            DoubleVector d = widen(x, i * stride + g).sub(DoubleVector.fromArray(SPECIES, k0, kc))
                    .sub(DoubleVector.fromArray(SPECIES, m, kc));
            DoubleVector d2 = d.mul(d);
            DoubleVector.fromArray(SPECIES, a2, j).add(d2).intoArray(a2, j);
            DoubleVector.fromArray(SPECIES, a3, j).add(d2.mul(d)).intoArray(a3, j);
            DoubleVector.fromArray(SPECIES, a4, j).add(d2.mul(d2)).intoArray(a4, j);
        }
    }

    private void varianceRow(int[] slotOf, int v, int ex, int g) {
        int stride = padded;
        int[] x = interleaved;
        double[] k0 = shift;
        double[] m = mean;
        double[] a2 = q2;
        for (int i = 0; i < ex; i++) {
            int k = slotOf[v + i];
            int j = ((k * LANES) + (i & (LANES - 1))) * stride + g;
            int kc = k * stride + g;
            DoubleVector d = widen(x, i * stride + g).sub(DoubleVector.fromArray(SPECIES, k0, kc))
                    .sub(DoubleVector.fromArray(SPECIES, m, kc));
            DoubleVector.fromArray(SPECIES, a2, j).add(d.mul(d)).intoArray(a2, j);
        }
    }

    private void collectSecondPass(BlockPartial p, boolean higher) {
        int labels = p.labelCount;
        int stride = padded;
        for (int k = 0; k < labels; k++) {
            for (int c = 0; c < p.channels; c++) {
                int ck = c * labels + k;
                int j = k * LANES * stride + c;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                for (int l = 0; l < LANES; l++) {
                    int at = j + l * stride;
                    s2 += q2[at];
                    q2[at] = 0;
                    if (higher) {
                        s3 += q3[at];
                        s4 += q4[at];
                        q3[at] = 0;
                        q4[at] = 0;
                    }
                }
                p.m2[ck] = s2;
                if (higher) {
                    p.m3[ck] = s3;
                    p.m4[ck] = s4;
                }
            }
        }
    }

    private void ensureCapacity(int labels, int width, int rowWidth) {
        if (width != padded || interleaved.length < rowWidth * width) {
            // Padding lanes must read 0: a new row buffer for a new channel count.
            interleaved = new int[rowWidth * width];
        }
        if (width == padded && shift.length >= labels * width) {
            return;
        }
        padded = width;
        // An eighth to spare, not double (see IntegerChannelReducer.ensureCapacity).
        int n = labels * width + (labels * width >> 3);
        int lanes = n * LANES;
        // New arrays start in the reset state that collect* leaves behind (padding lanes included:
        // they only ever add 0, and their min/max are never read).
        int order = features.momentOrder();
        sum = order >= 1 ? new double[lanes] : sum;
        if (features.minMax()) {
            lo = new double[lanes];
            hi = new double[lanes];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        }
        q2 = order >= 2 ? new double[lanes] : q2;
        q3 = order >= 4 ? new double[lanes] : q3;
        q4 = order >= 4 ? new double[lanes] : q4;
        shift = new double[n];
        mean = new double[n];
    }

    /** Four ints of {@code x} from {@code at}, as float64 (exact). */
    private static DoubleVector widen(int[] x, int at) {
        return (DoubleVector) IntVector.fromArray(INTS, x, at).convertShape(VectorOperators.I2D, SPECIES, 0);
    }
}
