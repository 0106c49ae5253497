package org.rasteragg.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.testing.QuietLogs;

/**
 * A mask with a label every 3 voxels (what passing an image as the mask looks like): one 256 x 256
 * block has 21,846 labels, whose voxel-reducer accumulators (768 B each for 4 channels) would take
 * 16.8 MB, over both the 16 MB floor and 64 B per voxel, so the kernel takes the run-by-run path.
 * Its numbers must match the same data in 32 x 32 chunks (about 340 labels a block: the voxel
 * reducers), and a direct computation.
 */
class DenseLabelFallbackTest {

    static {
        QuietLogs.install();
    }

    @Test
    void aLabelEveryFewVoxelsGivesTheSameTableOnEitherPath() {
        int n = 256;
        int voxels = n * n;
        int[] labels = new int[voxels];
        short[] image = new short[4 * voxels];
        Random random = new Random(3);
        int[] ids = random.ints(voxels / 3 + 1, 1, Integer.MAX_VALUE).toArray();
        for (int i = 0; i < voxels; i++) {
            labels[i] = ids[i / 3];
            for (int c = 0; c < 4; c++) {
                image[c * voxels + i] = (short) (60000 + random.nextInt(7));
            }
        }
        long labelCount = java.util.Arrays.stream(labels).distinct().count();
        assertThat(labelCount * 4 * IntegerChannelReducer.LANES * 6 * 8)
                .as("accumulators of the one-block run exceed the budget, so it takes the run-by-run path")
                .isGreaterThan(Math.max(BlockKernel.ACCUMULATOR_FLOOR_BYTES,
                        (long) BlockKernel.ACCUMULATOR_BYTES_PER_VOXEL * voxels));
        AggregationResult whole = aggregate(labels, image, n, n);
        AggregationResult tiles = aggregate(labels, image, n, 32);
        assertThat(whole.rowCount()).isEqualTo((int) labelCount);
        assertThat(whole.labels()).isEqualTo(tiles.labels());
        assertThat(whole.counts()).isEqualTo(tiles.counts());
        for (int c = 0; c < 4; c++) {
            for (Statistic exact : List.of(Statistic.SUM, Statistic.MIN, Statistic.MAX)) {
                assertThat(whole.values(exact, c)).as(exact + " channel " + c).isEqualTo(tiles.values(exact, c));
            }
            double[] mean = whole.values(Statistic.MEAN, c);
            double[] var = whole.values(Statistic.VAR, c);
            double[] tileVar = tiles.values(Statistic.VAR, c);
            double[] sum = whole.values(Statistic.SUM, c);
            long[] counts = whole.counts();
            for (int r = 0; r < whole.rowCount(); r++) {
                assertThat(mean[r]).isCloseTo(sum[r] / counts[r], within(1e-9));
                assertThat(var[r]).isCloseTo(tileVar[r], within(1e-9));
            }
            assertThat(java.util.Arrays.stream(var).max().orElse(0)).isGreaterThan(1);
        }
    }

    @Test
    void theStatisticsBeyondHarpyAgreeOnEitherPath() {
        int n = 256;
        int voxels = n * n;
        int[] labels = new int[voxels];
        short[] image = new short[4 * voxels];
        Random random = new Random(5);
        for (int i = 0; i < voxels; i++) {
            // labels of 3 voxels along x (256 is not a multiple of 3: some span two rows or tiles)
            labels[i] = 1 + i / 3;
            for (int c = 0; c < 4; c++) {
                image[c * voxels + i] = (short) random.nextInt(9);
            }
        }
        assertThat((long) (voxels / 3 + 1) * 4 * IntegerChannelReducer.LANES * 6 * 8).as("the run-by-run path")
                .isGreaterThan(Math.max(BlockKernel.ACCUMULATOR_FLOOR_BYTES,
                        (long) BlockKernel.ACCUMULATOR_BYTES_PER_VOXEL * voxels));
        StatTable whole = aggregate(labels, image, n, n, Statistic.every()).wideTable(List.of("a", "b", "c", "d"));
        StatTable tiles = aggregate(labels, image, n, 32, Statistic.every()).wideTable(List.of("a", "b", "c", "d"));
        for (String col : whole.columnNames()) {
            double[] w = whole.doubles(col);
            double[] t = tiles.doubles(col);
            boolean exact = col.startsWith("q") || col.startsWith("median") || col.startsWith("bbox")
                    || col.startsWith("radius") || col.startsWith("axis");
            for (int r = 0; r < w.length; r++) {
                if (Double.isNaN(w[r])) {
                    // wcenter of a label whose values are all 0: 0 / 0, as scipy
                    assertThat(t[r]).as(col + " row " + r).isNaN();
                    continue;
                }
                assertThat(Math.abs(w[r] - t[r])).as(col + " row " + r)
                        .isLessThanOrEqualTo(exact ? 0 : 1e-12 * Math.abs(w[r]) + 1e-12);
            }
        }
    }

    private static AggregationResult aggregate(int[] labels, short[] image, int n, int chunk) {
        return aggregate(labels, image, n, chunk, Statistic.all());
    }

    private static AggregationResult aggregate(int[] labels, short[] image, int n, int chunk,
            java.util.Set<Statistic> stats) {
        InMemoryArray mask = new InMemoryArray(DType.INT32, labels, new long[] {1, n, n}, new int[] {1, chunk, chunk});
        InMemoryArray values = new InMemoryArray(DType.UINT16, image, new long[] {4, 1, n, n},
                new int[] {4, 1, chunk, chunk});
        return RasterAggregator.builder().mask(mask).image(values).threads(2).build().aggregateAll(stats, null);
    }
}
