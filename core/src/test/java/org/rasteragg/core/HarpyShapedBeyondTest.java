package org.rasteragg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.GoldenTestSupport.Chunking;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.GoldenCsv;

/**
 * The harpy-shaped methods of the statistics beyond harpy (aggregateQuantiles,
 * radiiAndPrincipalAxes, aggregateStats by name) against the numpy references, the same numbers
 * for any thread count, and harpy's statistics untouched when new ones are requested beside them.
 */
class HarpyShapedBeyondTest {

    private static final GoldenCase CASE = new GoldenCase("beyond", "ellipses2d_uint16");

    private static RasterAggregator aggregator(int threads) {
        return GoldenTestSupport.aggregator(CASE, Chunking.MIXED, threads);
    }

    @Test
    void aggregateQuantilesGivesOneHarpyTablePerQuantile() {
        GoldenCsv want = CASE.csv("wide", "absent");
        List<StatTable> tables = aggregator(2).aggregateQuantiles(List.of("0.9", "0.1", "0.333"), CASE.index("absent"));
        assertThat(tables).extracting(StatTable::name).containsExactly("q0.9", "q0.1", "q0.333");
        for (StatTable t : tables) {
            assertThat(t.columnNames()).containsExactly("0", "1", "2", "cell_ID");
            assertThat(t.longs("cell_ID")).containsExactly(CASE.index("absent"));
            for (int c = 0; c < 3; c++) {
                assertThat(t.doubles(Integer.toString(c))).as(t.name() + " channel " + c)
                        .containsExactly(want.doubles(t.name() + "_" + c));
            }
        }
        List<StatTable> defaults = aggregator(1).aggregateQuantiles(null);
        assertThat(defaults).extracting(StatTable::name).containsExactly("q0.1", "q0.2", "q0.3", "q0.4", "q0.5",
                "q0.6", "q0.7", "q0.8", "q0.9");
    }

    @Test
    void radiiAndPrincipalAxesReadTheMaskOnly() {
        GoldenCsv want = CASE.csv("wide", null);
        RasterAggregator maskOnly = RasterAggregator.builder().mask(aggregator(1).mask()).threads(2).build();
        StatTable t = maskOnly.radiiAndPrincipalAxes();
        assertThat(t.columnNames()).startsWith("radius_0", "radius_1", "radius_2", "axis_0_z").endsWith("cell_ID");
        for (int i = 0; i < 3; i++) {
            double[] g = t.doubles("radius_" + i);
            double[] w = want.doubles("radius_" + i);
            for (int r = 0; r < w.length; r++) {
                assertThat(Math.abs(g[r] - w[r])).as("radius_%d row %d", i, r).isLessThanOrEqualTo(1e-9 * w[r] + 1e-12);
            }
        }
        BeyondHarpyGoldenTest.assertAxes(t, want, "radiiAndPrincipalAxes");
        StatTable box = maskOnly.aggregateStats(List.of("bbox", "count"), null).get(0);
        assertThat(box.longs("bbox_max_x")).containsExactly(want.longs("bbox_max_x"));
    }

    @Test
    void sameBitsForAnyThreadCountAndHarpysStatisticsUntouched() {
        AggregationResult one = aggregator(1).aggregateAll(Statistic.every(), null);
        AggregationResult four = aggregator(4).aggregateAll(Statistic.every(), null);
        List<String> names = List.of("a", "b", "c");
        assertThat(four.wideTable(names).toCsv()).isEqualTo(one.wideTable(names).toCsv());
        StatTable harpy = aggregator(3).aggregateAll(Statistic.all(), null).wideTable(names);
        StatTable both = one.wideTable(names);
        for (String col : harpy.columnNames()) {
            assertThat(both.doubles(col)).as(col).containsExactly(harpy.doubles(col));
        }
        assertThat(both.columnNames()).contains("std_a", "median_c", "q0.1_b", "q0.9_a", "bbox_min_z",
                "wcenter_x_c", "radius_2", "axis_2_x");
        List<StatTable> byName = aggregator(2).aggregateStats(List.of("std", "mean", "median", "quantiles"), null);
        assertThat(byName).extracting(StatTable::name).startsWith("std", "mean", "median", "q0.1").hasSize(12);
        assertThat(byName.get(0).doubles("1")).containsExactly(both.doubles("std_b"));
        assertThat(one.values(Statistic.MEDIAN, 2)).containsExactly(both.doubles("median_c"));
    }
}
