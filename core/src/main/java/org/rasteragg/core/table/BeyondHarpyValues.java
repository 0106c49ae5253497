package org.rasteragg.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.state.LabelState;

/**
 * The values of the statistics beyond harpy (std, median, quantiles, bbox, wcenter, axes) for the
 * rows of an {@link AggregationResult}, and their columns: the one place that names them
 * (SEMANTICS.md "Statistics beyond harpy"). Absent labels of an index get NaN, bbox -1.
 * Immutable after {@link #compute}; arrays are shared with the tables, read-only by contract.
 */
final class BeyondHarpyValues {

    private static final String[] AXES = {"z", "y", "x"};

    private final int channels;
    private final List<Quantile> quantiles;
    private final double[][] std;
    private final double[][] median;
    /** [requested quantile][channel][row]. */
    private final double[][][] quantileValues;
    private final long[][] bbox;
    /** [axis][channel][row]. */
    private final double[][][] wcenter;
    /** [value of {@link PrincipalAxes#VALUES}][row]. */
    private final double[][] axes;

    private BeyondHarpyValues(int channels, List<Quantile> quantiles, double[][] std, double[][] median,
            double[][][] quantileValues, long[][] bbox, double[][][] wcenter, double[][] axes) {
        this.channels = channels;
        this.quantiles = List.copyOf(quantiles);
        this.std = std;
        this.median = median;
        this.quantileValues = quantileValues;
        this.bbox = bbox;
        this.wcenter = wcenter;
        this.axes = axes;
    }

    /**
     * @param slot the state's slot of each row, negative for a label absent from the state
     * @param counts voxels per row
     */
    static BeyondHarpyValues compute(LabelState state, Set<Statistic> stats, List<Quantile> quantiles, int[] slot,
            long[] counts, RangeTasks tasks) {
        int n = slot.length;
        int c = state.channels();
        boolean withImage = c > 0;
        double[][] std = stats.contains(Statistic.STD) && withImage ? new double[c][n] : null;
        double[][] median = stats.contains(Statistic.MEDIAN) && withImage ? new double[c][n] : null;
        List<Quantile> qs = stats.contains(Statistic.QUANTILES) && withImage ? quantiles : List.of();
        double[][][] qv = new double[qs.size()][c][n];
        long[][] bbox = stats.contains(Statistic.BBOX) ? new long[6][n] : null;
        double[][][] wc = stats.contains(Statistic.WCENTER) && withImage ? new double[3][c][n] : null;
        double[][] ax = stats.contains(Statistic.AXES) ? new double[PrincipalAxes.VALUES][n] : null;
        List<Double> kept = state.features().quantiles();
        int medianAt = kept.indexOf(0.5);
        int[] qAt = qs.stream().mapToInt(q -> kept.indexOf(q.probability())).toArray();
        tasks.forRanges(n, (from, to) -> {
            double[] q = new double[kept.size()];
            double[] a = new double[PrincipalAxes.VALUES];
            for (int r = from; r < to; r++) {
                int s = slot[r];
                boolean absent = s < 0;
                for (int ch = 0; ch < c; ch++) {
                    if (std != null) {
                        std[ch][r] = absent ? Double.NaN : Math.sqrt(state.m2(s, ch) / counts[r]);
                    }
                    if (median != null || qs.size() > 0) {
                        if (absent) {
                            java.util.Arrays.fill(q, Double.NaN);
                        } else {
                            state.quantiles(s, ch, q);
                        }
                        if (median != null) {
                            median[ch][r] = q[medianAt];
                        }
                        for (int j = 0; j < qAt.length; j++) {
                            qv[j][ch][r] = q[qAt[j]];
                        }
                    }
                    if (wc != null) {
                        double sum = absent ? Double.NaN : state.sum(s, ch);
                        for (int axis = 0; axis < 3; axis++) {
                            wc[axis][ch][r] = absent ? Double.NaN : state.weightedCoordinateSum(s, ch, axis) / sum;
                        }
                    }
                }
                if (bbox != null) {
                    for (int axis = 0; axis < 3; axis++) {
                        bbox[axis][r] = absent ? -1 : state.bboxMin(s, axis);
                        bbox[3 + axis][r] = absent ? -1 : state.bboxMax(s, axis);
                    }
                }
                if (ax != null) {
                    if (absent) {
                        java.util.Arrays.fill(a, Double.NaN);
                    } else {
                        PrincipalAxes.of(state, s, a, 0);
                    }
                    for (int i = 0; i < PrincipalAxes.VALUES; i++) {
                        ax[i][r] = a[i];
                    }
                }
            }
            return 0;
        });
        return new BeyondHarpyValues(c, qs, std, median, qv, bbox, wc, ax);
    }

    List<Quantile> quantiles() {
        return quantiles;
    }

    /** Per-channel values of STD or MEDIAN ([channel][row]), or null when not computed. */
    double[][] perChannel(Statistic s) {
        return switch (s) {
            case STD -> std;
            case MEDIAN -> median;
            default -> null;
        };
    }

    /** [channel][row] of requested quantile {@code j}. */
    double[][] quantile(int j) {
        return quantileValues[j];
    }

    /** Whether {@code s} was computed. */
    boolean has(Statistic s) {
        return switch (s) {
            case STD -> std != null;
            case MEDIAN -> median != null;
            case QUANTILES -> quantileValues.length > 0;
            case BBOX -> bbox != null;
            case WCENTER -> wcenter != null;
            case AXES -> axes != null;
            default -> false;
        };
    }

    /** The values of wide-table column {@code w} ({@link AggregationResult#wideColumns}) of a computed statistic. */
    Column column(WideColumn w) {
        return switch (w.statistic()) {
            case STD, MEDIAN -> new DoubleColumn(w.name(), perChannel(w.statistic())[w.channel()]);
            case QUANTILES -> new DoubleColumn(w.name(), quantileValues[w.part()][w.channel()]);
            case BBOX -> new LongColumn(w.name(), bbox[w.part()]);
            case WCENTER -> new DoubleColumn(w.name(), wcenter[w.part()][w.channel()]);
            case AXES -> new DoubleColumn(w.name(), axes[w.part()]);
            default -> throw new IllegalArgumentException(w.name() + " is not a statistic beyond harpy");
        };
    }
}
