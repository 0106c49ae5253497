package org.rasteragg.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/** Bridges the engine's {@link StatTable} to the test side's {@link ExpectedTable}. */
public final class StatTables {

    /** harpy's aggregate_stats() default statistics, in its order. */
    public static final List<String> HARPY_DEFAULT_STATS = List.of("sum", "mean", "count", "var", "kurtosis", "skew");

    private StatTables() {
    }

    /** The table's columns as long[] (LongColumn) and double[] (DoubleColumn), names in order. */
    public static ExpectedTable of(StatTable t) {
        List<String> names = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        for (Column c : t.columns()) {
            names.add(c.name());
            if (c instanceof LongColumn l) {
                data.add(l.values().clone());
            } else {
                data.add(((DoubleColumn) c).values().clone());
            }
        }
        return new ExpectedTable(names, data);
    }

    /**
     * The engine's answer for a golden table name (harpy's file naming): sum ... max through the
     * aggregate* method, area, center_of_mass, and stats_X through aggregateStats with harpy's
     * default statistics (or only count where the case has no image).
     */
    public static StatTable compute(RasterAggregator agg, String table, long[] index, boolean hasImage) {
        Function<long[], StatTable> f = switch (table) {
            case "sum" -> agg::aggregateSum;
            case "mean" -> agg::aggregateMean;
            case "var" -> agg::aggregateVar;
            case "skew" -> agg::aggregateSkew;
            case "kurtosis" -> agg::aggregateKurtosis;
            case "min" -> agg::aggregateMin;
            case "max" -> agg::aggregateMax;
            case "area" -> agg::aggregateArea;
            case "center_of_mass" -> agg::centerOfMass;
            default -> null;
        };
        if (f != null) {
            return f.apply(index);
        }
        if (!table.startsWith("stats_")) {
            throw new IllegalArgumentException("unknown golden table " + table);
        }
        String stat = table.substring(6);
        if (!hasImage) {
            return agg.aggregateStats(List.of(stat), index).get(0);
        }
        List<StatTable> all = index == null ? agg.aggregateStats() : agg.aggregateStats(HARPY_DEFAULT_STATS, index);
        return all.get(HARPY_DEFAULT_STATS.indexOf(stat));
    }
}
