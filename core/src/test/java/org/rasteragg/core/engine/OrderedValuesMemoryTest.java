package org.rasteragg.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.MemoryBudgetException;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.table.StatTable;

/**
 * Median and quantiles keep a label's sorted values only until its last block: under one memory
 * bound, 16 labels that each end with their chunk row pass, while one label over the whole image
 * (4 M distinct float32 values, ~48 MB of sorted values at the end) is refused with the figures.
 */
class OrderedValuesMemoryTest {

    private static final int SIDE = 2048;
    private static final int ROWS = 128;
    private static final long BOUND = 120L << 20;

    private static float[] image() {
        Random r = new Random(17);
        float[] v = new float[SIDE * SIDE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static RasterAggregator aggregator(byte[] labels, float[] values) {
        InMemoryArray mask = new InMemoryArray(DType.UINT8, labels, new long[] {1, SIDE, SIDE},
                new int[] {1, ROWS, SIDE});
        InMemoryArray image = new InMemoryArray(DType.FLOAT32, values, new long[] {1, 1, SIDE, SIDE},
                new int[] {1, 1, ROWS, SIDE});
        return RasterAggregator.builder().mask(mask).image(image).threads(2).maxMemoryBytes(BOUND).build();
    }

    @Test
    void labelsEndingWithTheirChunkRowFitWhereOneLabelOverTheImageDoesNot() {
        float[] values = image();
        byte[] rows = new byte[SIDE * SIDE];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (byte) (i / SIDE / ROWS);
        }
        StatTable median = aggregator(rows, values).aggregateAll(EnumSet.of(Statistic.MEDIAN), List.of(), null)
                .table(Statistic.MEDIAN);
        for (int label = 0; label < SIDE / ROWS; label += 5) {
            float[] own = Arrays.copyOfRange(values, label * ROWS * SIDE, (label + 1) * ROWS * SIDE);
            Arrays.sort(own);
            int h = own.length / 2;
            double want = own[h - 1] + ((double) own[h] - own[h - 1]) * 0.5;
            assertThat(median.doubles("0")[label]).as("median of label " + label).isEqualTo(want);
        }

        byte[] one = new byte[SIDE * SIDE];
        assertThatThrownBy(() -> aggregator(one, values).aggregateQuantiles(List.of("0.5"), null))
                .isInstanceOf(MemoryBudgetException.class).hasMessageContaining("120 MB")
                .hasMessageContaining("sorted values of labels still open");
    }

    @Test
    void quantileProbabilitiesAreValidated() {
        assertThatThrownBy(() -> Quantile.parse(List.of("0.5", "1.5"))).hasMessageContaining("1.5")
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Quantile.parse(List.of("half"))).hasMessageContaining("'half' is not a number");
        assertThatThrownBy(() -> Quantile.parse(List.of("0.1", "0.1"))).hasMessageContaining("twice");
    }
}
