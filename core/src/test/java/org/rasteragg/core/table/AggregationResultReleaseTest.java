package org.rasteragg.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.testing.QuietLogs;

/**
 * {@link AggregationResult#computeAndRelease} frees the state part by part while it builds the
 * result; for every subset of the image statistics it must give the very same tables as
 * {@link AggregationResult#compute}, which leaves the state intact.
 */
class AggregationResultReleaseTest {

    static {
        QuietLogs.install();
    }

    private static final List<Statistic> IMAGE_STATS = List.of(Statistic.SUM, Statistic.MEAN, Statistic.VAR,
            Statistic.SKEW, Statistic.KURTOSIS, Statistic.MIN, Statistic.MAX);

    private final InMemoryArray mask;
    private final InMemoryArray image;

    AggregationResultReleaseTest() {
        Random random = new Random(42);
        int ny = 37;
        int nx = 53;
        int[] labels = new int[ny * nx];
        short[] values = new short[3 * ny * nx];
        for (int i = 0; i < labels.length; i++) {
            // Bands of labels with a few constant ones (zero variance: skew and kurtosis set to 0).
            labels[i] = (i / 7) % 41;
            for (int c = 0; c < 3; c++) {
                values[c * labels.length + i] = (short) (labels[i] % 5 == 0 ? 1000 : 60000 + random.nextInt(9) - 4);
            }
        }
        mask = new InMemoryArray(DType.INT32, labels, new long[] {1, ny, nx}, new int[] {1, 16, 16});
        image = new InMemoryArray(DType.UINT16, values, new long[] {3, 1, ny, nx}, new int[] {2, 1, 20, 20});
    }

    private LabelState state(Set<Statistic> stats) {
        return AggregationEngine.run(mask, image, Features.of(stats), EngineOptions.defaults());
    }

    @Test
    void everySubsetOfStatisticsGivesTheSameTablesAsComputeWithoutRelease() {
        for (int bits = 1; bits < 1 << IMAGE_STATS.size(); bits++) {
            Set<Statistic> stats = EnumSet.of(Statistic.COUNT, Statistic.CENTER);
            for (int s = 0; s < IMAGE_STATS.size(); s++) {
                if ((bits & (1 << s)) != 0) {
                    stats.add(IMAGE_STATS.get(s));
                }
            }
            AggregationResult kept = AggregationResult.compute(state(stats), stats, null, DType.UINT16, "cell_ID",
                    "shapeSize");
            AggregationResult released = AggregationResult.computeAndRelease(state(stats), stats, null, DType.UINT16,
                    "cell_ID", "shapeSize");
            List<String> names = List.of("a", "b", "c");
            assertThat(released.wideTable(names).columns()).as("%s", stats)
                    .isEqualTo(kept.wideTable(names).columns());
            assertThat(released.warnings()).isEqualTo(kept.warnings());
        }
    }

    @Test
    void manyLabelsOnSeveralThreadsGiveTheSameTablesAsOneThread() {
        // 5,462 labels: enough for the result to be split into ranges over threads.
        int ny = 128;
        int nx = 128;
        long[] labels = new long[ny * nx];
        float[] values = new float[2 * ny * nx];
        Random random = new Random(5);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1_000_000L - i / 3;
            values[i] = (float) random.nextGaussian();
            values[labels.length + i] = i % 3 == 0 ? 7f : 5f;
        }
        InMemoryArray bigMask = new InMemoryArray(DType.INT64, labels, new long[] {1, ny, nx}, new int[] {1, 50, 50});
        InMemoryArray bigImage = new InMemoryArray(DType.FLOAT32, values, new long[] {2, 1, ny, nx},
                new int[] {1, 1, 64, 64});
        Set<Statistic> stats = Statistic.all();
        Features features = Features.of(stats);
        AggregationResult one = AggregationResult.compute(
                AggregationEngine.run(bigMask, bigImage, features, EngineOptions.defaults()), stats, null,
                DType.FLOAT32, "cell_ID", "shapeSize");
        AggregationResult three = AggregationResult.computeAndRelease(
                AggregationEngine.run(bigMask, bigImage, features, EngineOptions.defaults()), stats, null,
                DType.FLOAT32, "cell_ID", "shapeSize", 3);
        assertThat(three.rowCount()).isEqualTo(5462);
        List<String> names = List.of("a", "b");
        assertThat(three.wideTable(names).columns()).isEqualTo(one.wideTable(names).columns());
        assertThat(three.warnings()).isEqualTo(one.warnings()).isNotEmpty();
    }

    @Test
    void theReleasedStateNoLongerHoldsItsMoments() {
        Set<Statistic> stats = Statistic.all();
        LabelState state = state(stats);
        LabelState intact = state(stats);
        AggregationResult.compute(intact, stats, null, DType.UINT16, "cell_ID", "shapeSize");
        AggregationResult.computeAndRelease(state, stats, null, DType.UINT16, "cell_ID", "shapeSize");
        assertThat(intact.m4(0, 0)).isFinite();
        assertThatThrownBy(() -> state.m4(0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> state.min(0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> state.mean(0, 0)).isInstanceOf(NullPointerException.class);
    }
}
