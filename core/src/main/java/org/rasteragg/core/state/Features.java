package org.rasteragg.core.state;

import java.util.Set;
import org.rasteragg.core.Statistic;

/**
 * What the kernel must accumulate to answer a set of statistics; everything else is skipped.
 *
 * @param momentOrder 0 (no values), 1 (sum), 2 (+ M2) or 4 (+ M3, M4)
 * @param minMax whether min and max are tracked
 * @param center whether coordinate sums are tracked (center of mass)
 */
public record Features(int momentOrder, boolean minMax, boolean center) implements java.io.Serializable {

    public Features {
        if (momentOrder != 0 && momentOrder != 1 && momentOrder != 2 && momentOrder != 4) {
            throw new IllegalArgumentException("moment order must be 0, 1, 2 or 4: " + momentOrder);
        }
    }

    /** The least that answers {@code stats}. */
    public static Features of(Set<Statistic> stats) {
        int order = 0;
        if (stats.contains(Statistic.SUM) || stats.contains(Statistic.MEAN)) {
            order = 1;
        }
        if (stats.contains(Statistic.VAR)) {
            order = 2;
        }
        if (stats.contains(Statistic.SKEW) || stats.contains(Statistic.KURTOSIS)) {
            order = 4;
        }
        return new Features(order, stats.contains(Statistic.MIN) || stats.contains(Statistic.MAX),
                stats.contains(Statistic.CENTER));
    }

    /** Whether any statistic needs image values (count and center of mass need only the mask). */
    public boolean needsImage() {
        return momentOrder > 0 || minMax;
    }
}
