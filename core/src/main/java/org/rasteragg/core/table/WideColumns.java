package org.rasteragg.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;

/**
 * The column plan of the wide table, in the order {@link AggregationResult#wideColumns} documents
 * (the one place that knows which columns a statistic makes); the harpy-layout tables of the
 * statistics beyond harpy take their columns from {@link #addBeyondHarpy} too. Stateless.
 */
final class WideColumns {

    private static final String[] AXIS_NAMES = {"z", "y", "x"};

    private WideColumns() {
    }

    /** See {@link AggregationResult#wideColumns(Set, List, List, DType, String, String)}. */
    static List<WideColumn> plan(Set<Statistic> statistics, List<Quantile> quantiles, List<String> channelNames,
            DType imageType, String instanceKey, String instanceSizeKey) {
        List<WideColumn> cols = new ArrayList<>();
        cols.add(new WideColumn(instanceKey, null, -1, 0, DType.INT64));
        cols.add(new WideColumn(instanceSizeKey, Statistic.COUNT, -1, 0, DType.INT64));
        int channels = imageType == null ? 0 : channelNames.size();
        for (Statistic s : List.of(Statistic.SUM, Statistic.MEAN, Statistic.VAR, Statistic.SKEW, Statistic.KURTOSIS,
                Statistic.MIN, Statistic.MAX)) {
            if (!statistics.contains(s)) {
                continue;
            }
            DType type = s == Statistic.MIN || s == Statistic.MAX ? imageType : DType.FLOAT64;
            for (int c = 0; c < channels; c++) {
                cols.add(new WideColumn(s.key() + "_" + channelNames.get(c), s, c, 0, type));
            }
        }
        if (statistics.contains(Statistic.CENTER)) {
            for (int a = 0; a < 3; a++) {
                cols.add(new WideColumn(AXIS_NAMES[a], Statistic.CENTER, a, 0, DType.FLOAT64));
            }
        }
        for (Statistic s : Statistic.BEYOND_HARPY) {
            if (statistics.contains(s)) {
                addBeyondHarpy(cols, s, quantiles, channels == 0 ? List.of() : channelNames);
            }
        }
        return cols;
    }

    /**
     * Appends the columns of {@code s}, one of the statistics beyond harpy, to {@code cols}.
     *
     * @throws IllegalArgumentException when {@code s} is one of harpy's statistics
     */
    static void addBeyondHarpy(List<WideColumn> cols, Statistic s, List<Quantile> quantiles,
            List<String> channelNames) {
        int channels = channelNames.size();
        switch (s) {
            case STD, MEDIAN -> {
                for (int ch = 0; ch < channels; ch++) {
                    cols.add(new WideColumn(s.key() + "_" + channelNames.get(ch), s, ch, 0, DType.FLOAT64));
                }
            }
            case QUANTILES -> {
                for (int j = 0; j < quantiles.size(); j++) {
                    for (int ch = 0; ch < channels; ch++) {
                        cols.add(new WideColumn("q" + quantiles.get(j).text() + "_" + channelNames.get(ch), s, ch, j,
                                DType.FLOAT64));
                    }
                }
            }
            case BBOX -> {
                for (int i = 0; i < 6; i++) {
                    cols.add(new WideColumn((i < 3 ? "bbox_min_" : "bbox_max_") + AXIS_NAMES[i % 3], s, -1, i,
                            DType.INT64));
                }
            }
            case WCENTER -> {
                for (int axis = 0; axis < 3; axis++) {
                    for (int ch = 0; ch < channels; ch++) {
                        cols.add(new WideColumn("wcenter_" + AXIS_NAMES[axis] + "_" + channelNames.get(ch), s, ch,
                                axis, DType.FLOAT64));
                    }
                }
            }
            case AXES -> {
                for (int i = 0; i < 3; i++) {
                    cols.add(new WideColumn("radius_" + i, s, -1, i, DType.FLOAT64));
                }
                for (int i = 0; i < 3; i++) {
                    for (int axis = 0; axis < 3; axis++) {
                        cols.add(new WideColumn("axis_" + i + "_" + AXIS_NAMES[axis], s, -1, 3 + 3 * i + axis,
                                DType.FLOAT64));
                    }
                }
            }
            default -> throw new IllegalArgumentException(s.key() + " is one of harpy's statistics");
        }
    }
}
