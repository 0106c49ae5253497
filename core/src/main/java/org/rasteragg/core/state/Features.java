package org.rasteragg.core.state;

import java.util.List;
import java.util.Set;
import org.rasteragg.core.Statistic;

/**
 * What the kernel must accumulate to answer a set of statistics; everything else is skipped.
 *
 * @param momentOrder 0 (no values), 1 (sum), 2 (+ M2) or 4 (+ M3, M4)
 * @param minMax whether min and max are tracked
 * @param center whether coordinate sums are tracked (center of mass)
 * @param bbox whether bounding boxes are tracked
 * @param axes whether exact integer coordinate moments up to order 2 are tracked (radii and axes)
 * @param wcenter whether the sums of value x coordinate per channel are tracked (needs order >= 1)
 * @param quantiles the probabilities whose quantiles are computed, ascending and distinct (the
 *     median is 0.5); empty: no value lists are kept
 */
public record Features(int momentOrder, boolean minMax, boolean center, boolean bbox, boolean axes, boolean wcenter,
        List<Double> quantiles) implements java.io.Serializable {

    public Features {
        if (momentOrder != 0 && momentOrder != 1 && momentOrder != 2 && momentOrder != 4) {
            throw new IllegalArgumentException("moment order must be 0, 1, 2 or 4: " + momentOrder);
        }
        if (wcenter && momentOrder < 1) {
            throw new IllegalArgumentException("weighted centers need the sums (moment order >= 1)");
        }
        quantiles = List.copyOf(quantiles);
        for (int i = 0; i < quantiles.size(); i++) {
            double q = quantiles.get(i);
            if (!(q >= 0 && q <= 1) || (i > 0 && q <= quantiles.get(i - 1))) {
                throw new IllegalArgumentException("quantiles must be distinct, ascending and in [0, 1]: " + quantiles);
            }
        }
    }

    /** The features of harpy's statistics (no bounding boxes, axes, weighted centers or quantiles). */
    public Features(int momentOrder, boolean minMax, boolean center) {
        this(momentOrder, minMax, center, false, false, false, List.of());
    }

    /** The least that answers {@code stats}, without quantiles. */
    public static Features of(Set<Statistic> stats) {
        return of(stats, List.of());
    }

    /**
     * The least that answers {@code stats}.
     *
     * @param quantiles the probabilities of the quantile statistics (ascending, distinct; median
     *     included when requested); ignored unless MEDIAN or QUANTILES is requested
     */
    public static Features of(Set<Statistic> stats, List<Double> quantiles) {
        int order = 0;
        boolean wcenter = stats.contains(Statistic.WCENTER);
        if (stats.contains(Statistic.SUM) || stats.contains(Statistic.MEAN) || wcenter) {
            order = 1;
        }
        if (stats.contains(Statistic.VAR) || stats.contains(Statistic.STD)) {
            order = 2;
        }
        if (stats.contains(Statistic.SKEW) || stats.contains(Statistic.KURTOSIS)) {
            order = 4;
        }
        boolean ordered = stats.contains(Statistic.MEDIAN) || stats.contains(Statistic.QUANTILES);
        return new Features(order, stats.contains(Statistic.MIN) || stats.contains(Statistic.MAX),
                stats.contains(Statistic.CENTER), stats.contains(Statistic.BBOX), stats.contains(Statistic.AXES),
                wcenter, ordered ? quantiles : List.of());
    }

    /** Whether any statistic needs image values (count, centers of mass, bboxes and axes need only the mask). */
    public boolean needsImage() {
        return momentOrder > 0 || minMax || !quantiles.isEmpty();
    }

    /** Whether per-label sorted value counts are kept (median, quantiles). */
    public boolean ordered() {
        return !quantiles.isEmpty();
    }

    /** Whether the kernel needs the runs of labels with each voxel's value (weighted centers, quantiles). */
    public boolean valuesByRun() {
        return wcenter || ordered();
    }

    /** Whether only the statistics of harpy's RasterAggregator (and min, max, center) are tracked. */
    public boolean harpyOnly() {
        return !bbox && !axes && !wcenter && quantiles.isEmpty();
    }
}
