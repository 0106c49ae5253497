package org.rasteragg.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;

/**
 * The state of the statistics beyond harpy merges and serialises as harpy's does: block ranges
 * aggregated apart (a Spark task each, labels left open), shipped through their binary form and
 * merged give the whole run's values; harpy-only states keep the version 1 layout.
 */
class BeyondHarpyStateTest {

    private static final Set<Statistic> STATS = EnumSet.of(Statistic.COUNT, Statistic.STD, Statistic.MEDIAN,
            Statistic.QUANTILES, Statistic.BBOX, Statistic.WCENTER, Statistic.AXES);
    private static final List<Quantile> QUANTILES = Quantile.parse(List.of("0.1", "0.5", "0.75", "1"));
    private static final Features FEATURES = Features.of(STATS, Quantile.probabilities(STATS, QUANTILES));

    private record Data(InMemoryArray mask, InMemoryArray image, BlockPlan plan) {
    }

    private static Data data(long seed) {
        Random r = new Random(seed);
        int z = 3;
        int y = 17;
        int x = 19;
        long[] labels = new long[z * y * x];
        for (int i = 0; i < labels.length; i++) {
            // blocks of 3 x 4 voxels with a few stray labels: labels span several chunks
            int yy = (i / x) % y;
            int xx = i % x;
            labels[i] = r.nextInt(10) == 0 ? r.nextInt(3) : 100 + (yy / 3) * 7 + xx / 4;
        }
        int[] values = new int[2 * z * y * x];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextInt(20);
        }
        InMemoryArray mask = new InMemoryArray(DType.INT64, labels, new long[] {z, y, x}, new int[] {2, 5, 6});
        InMemoryArray image = new InMemoryArray(DType.INT32, values, new long[] {2, z, y, x}, new int[] {1, 1, 4, 7});
        return new Data(mask, image, new BlockPlan(mask.grid(), image.grid()));
    }

    private static LabelState range(Data d, long from, long to) {
        return AggregationEngine.run(d.mask(), d.image(), FEATURES, d.plan(), from, to,
                EngineOptions.defaults().withThreads(2));
    }

    private static StatTable wide(LabelState s) {
        return AggregationResult.compute(s, STATS, QUANTILES, null, DType.INT32, "cell_ID", "shapeSize")
                .wideTable(List.of("a", "b"));
    }

    @Test
    void rangesShippedAndMergedGiveTheWholeRun() {
        Data d = data(7);
        long n = d.plan().blockCount();
        LabelState whole = range(d, 0, n);
        LabelState merged = LabelStateSerde.fromBytes(LabelStateSerde.toBytes(range(d, 0, n / 3)));
        for (long[] part : new long[][] {{n / 3, 2 * n / 3}, {2 * n / 3, n}}) {
            merged = LabelStateMerger.merge(merged, LabelStateSerde.fromBytes(LabelStateSerde.toBytes(
                    range(d, part[0], part[1]))));
        }
        StatTable want = wide(whole);
        StatTable got = wide(merged);
        assertThat(got.columnNames()).isEqualTo(want.columnNames());
        for (String col : want.columnNames()) {
            double[] g = got.doubles(col);
            double[] w = want.doubles(col);
            for (int r = 0; r < w.length; r++) {
                // quantiles, bboxes, counts, radii and axes are exact; sums of products regroup
                double tol = col.startsWith("wcenter") || col.startsWith("std") ? 1e-12 * Math.abs(w[r]) : 0;
                assertThat(Math.abs(g[r] - w[r])).as(col + " row " + r).isLessThanOrEqualTo(tol);
            }
        }
    }

    @Test
    void aFinishedStateSurvivesItsBinaryForm() {
        Data d = data(11);
        LabelState whole = range(d, 0, d.plan().blockCount());
        LabelState back = LabelStateSerde.fromBytes(LabelStateSerde.toBytes(whole));
        assertThat(LabelStateSerde.toBytes(back)).isEqualTo(LabelStateSerde.toBytes(whole));
        assertThat(wide(back).toCsv()).isEqualTo(wide(whole).toCsv());
        assertThat(whole.openValueBytes()).as("every label finished after its last block").isZero();
    }

    @Test
    void harpyOnlyStatesKeepTheVersion1Layout() {
        LabelState s = new LabelState(Features.of(Statistic.all()), 2);
        assertThat(LabelStateSerde.toBytes(s)[4]).isEqualTo((byte) 1);
        assertThat(LabelStateSerde.toBytes(new LabelState(FEATURES, 2))[4]).isEqualTo((byte) 2);
        assertThat(LabelState.bytesPerLabel(Features.of(Statistic.all()), 3))
                .isEqualTo(LabelState.bytesPerLabel(new Features(4, true, true), 3));
    }

    @Test
    void valuesAfterALabelsLastBlockAreRefused() {
        Data d = data(5);
        long n = d.plan().blockCount();
        LabelState whole = range(d, 0, n);
        LabelState again = range(d, 0, n);
        assertThatThrownBy(() -> LabelStateMerger.merge(whole, again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
    }

    @Test
    void int128CovarianceNumeratorsAreExact() {
        Random r = new Random(3);
        for (int t = 0; t < 2000; t++) {
            long n = 1 + (r.nextLong() >>> 34);
            long x = r.nextLong() >>> 12;
            long y = r.nextLong() >>> 12;
            BigInteger s = new BigInteger(64 + 30, r);
            long[] w = new long[2];
            Int128.add(w, 0, s.shiftRight(64).longValue(), s.longValue());
            BigInteger exact = BigInteger.valueOf(n).multiply(s)
                    .subtract(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)));
            double got = Int128.scaledMinusProduct(n, w[0], w[1], x, y);
            double want = exact.doubleValue();
            assertThat(Math.abs(got - want)).as("n=%d s=%s x=%d y=%d", n, s, x, y)
                    .isLessThanOrEqualTo(4 * Math.ulp(want));
        }
        assertThat(Int128.toDouble(-1, -5)).isEqualTo(-5.0);
    }
}
