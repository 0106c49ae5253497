package org.rasteragg.core.table;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.LabelState;

/**
 * harpy's per-channel statistics (sum, mean, var, skew, kurtosis, min, max) per row, from the parts
 * of a {@link LabelState} (SEMANTICS.md fixes each number), and which parts each one reads, so that
 * {@link ResultComputation} can release a part once no later statistic needs it. Stateless.
 */
final class ChannelStatistics {

    /** numpy's {@code finfo(float64).resolution}. */
    private static final double FLOAT64_RESOLUTION = 1e-15;

    /** The order in which image statistics are computed: those needing the fewest parts first. */
    static final List<Statistic> COMPUTE_ORDER = List.of(Statistic.MIN, Statistic.MAX, Statistic.SKEW,
            Statistic.KURTOSIS, Statistic.VAR, Statistic.SUM, Statistic.MEAN);

    /** Slots per copy of the state's values in {@link #computeSlots}. */
    private static final int SLOTS_PER_COPY = 1024;

    private ChannelStatistics() {
    }

    /** The parts of the state statistic {@code s} reads (none for a statistic not computed here). */
    static Set<LabelState.Part> partsOf(Statistic s) {
        return switch (s) {
            case MIN -> EnumSet.of(LabelState.Part.MIN);
            case MAX -> EnumSet.of(LabelState.Part.MAX);
            case SKEW -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS, LabelState.Part.M2,
                    LabelState.Part.M3);
            case KURTOSIS -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS, LabelState.Part.M2,
                    LabelState.Part.M4);
            case VAR -> EnumSet.of(LabelState.Part.M2);
            case SUM, MEAN -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS);
            default -> EnumSet.noneOf(LabelState.Part.class);
        };
    }

    /**
     * Statistic {@code s} (one of {@link #COMPUTE_ORDER}) of every row into {@code v[channel][row]}:
     * the rows of the state's slots, then the absent rows. Returns how many values of skew or
     * kurtosis were undefined (set to 0).
     *
     * @param rowOfSlot the row of each slot of the state, or -1
     * @param counts voxels per row
     * @param absentRows the rows whose label the state does not hold
     * @param imageType the image dtype (the absent rows' min and max)
     */
    static long compute(Statistic s, LabelState state, int[] rowOfSlot, long[] counts, int[] absentRows,
            DType imageType, RangeTasks tasks, double[][] v) {
        int channels = state.channels();
        boolean zeroIfUndefined = s == Statistic.SKEW || s == Statistic.KURTOSIS;
        long undefined = tasks.forRanges(rowOfSlot.length,
                (from, to) -> computeSlots(s, state, from, to, rowOfSlot, counts, v));
        for (int r : absentRows) {
            for (int c = 0; c < channels; c++) {
                double x = absentValue(s, imageType);
                if (zeroIfUndefined && Double.isNaN(x)) {
                    x = 0;
                    undefined++;
                }
                v[c][r] = x;
            }
        }
        return undefined;
    }

    /**
     * Statistic {@code s} of slots {@code [from, to)} into the rows {@code rowOfSlot} gives; returns
     * how many values were undefined (set to 0). Reads copies of the state's values made a page at a
     * time.
     */
    private static long computeSlots(Statistic s, LabelState state, int from, int to, int[] rowOfSlot, long[] counts,
            double[][] v) {
        int channels = state.channels();
        int size = SLOTS_PER_COPY * channels;
        double[] a = new double[size];
        double[] b = s == Statistic.SUM || s == Statistic.MEAN || s == Statistic.SKEW || s == Statistic.KURTOSIS
                ? new double[size] : null;
        double[] m2 = s == Statistic.VAR || s == Statistic.SKEW || s == Statistic.KURTOSIS ? new double[size] : null;
        double[] m34 = s == Statistic.SKEW || s == Statistic.KURTOSIS ? new double[size] : null;
        long nan = 0;
        for (int k0 = from; k0 < to; k0 += SLOTS_PER_COPY) {
            int k1 = Math.min(to, k0 + SLOTS_PER_COPY);
            switch (s) {
                case MIN -> state.copy(LabelState.Part.MIN, k0, k1, a);
                case MAX -> state.copy(LabelState.Part.MAX, k0, k1, a);
                case VAR -> state.copy(LabelState.Part.M2, k0, k1, m2);
                default -> {
                    state.copy(LabelState.Part.SHIFTS, k0, k1, a);
                    state.copy(LabelState.Part.SHIFTED_SUMS, k0, k1, b);
                    if (s == Statistic.SKEW || s == Statistic.KURTOSIS) {
                        state.copy(LabelState.Part.M2, k0, k1, m2);
                        state.copy(s == Statistic.SKEW ? LabelState.Part.M3 : LabelState.Part.M4, k0, k1, m34);
                    }
                }
            }
            nan += scatter(s, k0, k1, rowOfSlot, counts, channels, a, b, m2, m34, v);
        }
        return nan;
    }

    /**
     * Statistic {@code s} of slots {@code [k0, k1)} from their copied parts ({@code a} the min, max
     * or shifts, {@code b} the shifted sums; slot-major) into their rows; returns how many values
     * were undefined (set to 0). One loop per statistic: no switch per value.
     */
    private static long scatter(Statistic s, int k0, int k1, int[] rowOfSlot, long[] counts, int channels, double[] a,
            double[] b, double[] m2, double[] m34, double[][] v) {
        long nan = 0;
        for (int k = k0; k < k1; k++) {
            int r = rowOfSlot[k];
            if (r < 0) {
                continue;
            }
            long n = counts[r];
            int i = (k - k0) * channels;
            switch (s) {
                case MIN, MAX -> {
                    for (int c = 0; c < channels; c++, i++) {
                        v[c][r] = a[i];
                    }
                }
                case SUM -> {
                    for (int c = 0; c < channels; c++, i++) {
                        v[c][r] = b[i] + n * a[i];
                    }
                }
                case MEAN -> {
                    for (int c = 0; c < channels; c++, i++) {
                        v[c][r] = a[i] + b[i] / n;
                    }
                }
                case VAR -> {
                    for (int c = 0; c < channels; c++, i++) {
                        v[c][r] = m2[i] / n;
                    }
                }
                case SKEW, KURTOSIS -> {
                    boolean skew = s == Statistic.SKEW;
                    for (int c = 0; c < channels; c++, i++) {
                        double var = m2[i] / n;
                        double x;
                        if (zeroVariance(var, a[i] + b[i] / n)) {
                            // Skew and kurtosis of a constant label: harpy reports 0.
                            x = 0;
                            nan++;
                        } else {
                            x = skew ? (m34[i] / n) / (var * Math.sqrt(var)) : (m34[i] / n) / (var * var) - 3.0;
                            if (Double.isNaN(x)) {
                                x = 0;
                                nan++;
                            }
                        }
                        v[c][r] = x;
                    }
                }
                default -> throw new IllegalArgumentException(s.key());
            }
        }
        return nan;
    }

    /** The value of a statistic for a label of the index that has no voxels (SEMANTICS.md). */
    private static double absentValue(Statistic s, DType type) {
        return switch (s) {
            case SUM -> 0;
            case MIN -> type.maxValue();
            case MAX -> type.minValue();
            default -> Double.NaN;
        };
    }

    /**
     * Whether a variance is zero up to float64 rounding, scipy.stats' rule for skew and kurtosis:
     * {@code var <= (1e-15 * |mean|)^2}. A constant region of, say, 0.1 has a computed mean that
     * differs from 0.1 in the last bit, leaving a variance of ~1e-34 whose ratios are noise.
     */
    private static boolean zeroVariance(double var, double mean) {
        double tolerance = FLOAT64_RESOLUTION * Math.abs(mean);
        return var <= tolerance * tolerance;
    }
}
