package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/** Test data and the reference: the core engine's wide table on the same arrays. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A 3D uint32 mask of rectangular-ish cells with background holes and one huge label id, on a
     * chunk grid that differs from the image's.
     */
    static InMemorySource mask3d(long seed) {
        int z = 3, y = 37, x = 41;
        Random rnd = new Random(seed);
        int[] data = new int[z * y * x];
        for (int k = 0; k < z; k++) {
            for (int j = 0; j < y; j++) {
                for (int i = 0; i < x; i++) {
                    int label = (j / 7) * 10 + (i / 9) + 1 + (k == 2 && j > 30 ? 50 : 0);
                    if (rnd.nextInt(10) == 0) {
                        label = 0;
                    }
                    if (j < 4 && i < 5) {
                        label = 2_000_000_011;
                    }
                    data[(k * y + j) * x + i] = label;
                }
            }
        }
        return new InMemorySource(DType.UINT32, data, new long[] {z, y, x}, new int[] {2, 10, 16});
    }

    /** A (3, 3, 37, 41) uint16 image, values spread over the whole range. */
    static InMemorySource image3d(long seed) {
        int c = 3, z = 3, y = 37, x = 41;
        Random rnd = new Random(seed);
        short[] data = new short[c * z * y * x];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (i % 5 == 0 ? 60000 + rnd.nextInt(7) - 3 : rnd.nextInt(65536));
        }
        return new InMemorySource(DType.UINT16, data, new long[] {c, z, y, x}, new int[] {2, 1, 13, 9});
    }

    /** A 2D int32 mask (y, x) with negative labels. */
    static InMemorySource mask2d(long seed) {
        int y = 29, x = 33;
        Random rnd = new Random(seed);
        int[] data = new int[y * x];
        for (int j = 0; j < y; j++) {
            for (int i = 0; i < x; i++) {
                data[j * x + i] = rnd.nextInt(8) == 0 ? 0 : (j / 6) * 7 + (i / 5) - 5;
            }
        }
        return new InMemorySource(DType.INT32, data, new long[] {y, x}, new int[] {8, 12});
    }

    /** A (2, y, x) float32 image for {@link #mask2d}: values near 1e6 with noise and negatives. */
    static InMemorySource image2d(long seed) {
        int c = 2, y = 29, x = 33;
        Random rnd = new Random(seed);
        float[] data = new float[c * y * x];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 2 == 0 ? (float) (1e6 + rnd.nextGaussian()) : (float) (rnd.nextGaussian() * 100);
        }
        return new InMemorySource(DType.FLOAT32, data, new long[] {c, y, x}, new int[] {1, 10, 7});
    }

    /** The core engine's wide table for the same inputs. */
    static StatTable reference(ArraySource maskSource, ArraySource imageSource, Set<Statistic> stats, long[] index,
            boolean excludeBackground, List<String> channelNames) {
        ChunkedArray mask = maskSource.open();
        ChunkedArray image = imageSource == null ? null : imageSource.open();
        if (mask.ndim() == 2) {
            mask = ChunkedArrays.maskAsZyx(mask);
            image = image == null ? null : ChunkedArrays.imageAsCzyx(image);
        }
        Features features = Features.of(stats);
        if (!features.needsImage()) {
            image = null;
        }
        LabelState state = AggregationEngine.run(mask, image, features, EngineOptions.defaults().withThreads(1));
        long[] rows = index;
        if (rows == null) {
            rows = state.labels();
            java.util.Arrays.sort(rows);
        }
        if (excludeBackground) {
            rows = java.util.Arrays.stream(rows).filter(l -> l != 0).toArray();
        }
        AggregationResult result = AggregationResult.compute(state, stats, rows, image == null ? null : image.dtype(),
                "cell_ID", "shapeSize");
        return result.wideTable(channelNames);
    }

    /**
     * Asserts that a Spark table equals the reference: same columns in the same order, same rows
     * in the same order, integers and count/sum/min/max/center exactly, moments to 1e-9.
     */
    static void assertSameTable(Dataset<Row> actual, StatTable expected) {
        assertThat(List.of(actual.columns())).containsExactlyElementsOf(expected.columnNames());
        List<Row> rows = actual.collectAsList();
        assertThat(rows).hasSize(expected.rowCount());
        List<Column> cols = expected.columns();
        for (int c = 0; c < cols.size(); c++) {
            Column col = cols.get(c);
            String name = col.name();
            boolean exact = !(name.startsWith("mean_") || name.startsWith("var_") || name.startsWith("skew_")
                    || name.startsWith("kurtosis_"));
            for (int r = 0; r < rows.size(); r++) {
                Object v = rows.get(r).get(c);
                if (col instanceof LongColumn l) {
                    assertThat((Long) v).as("%s row %d", name, r).isEqualTo(l.values()[r]);
                } else {
                    double e = ((DoubleColumn) col).values()[r];
                    double a = ((Number) v).doubleValue();
                    if (exact || Double.isNaN(e)) {
                        assertThat(Double.compare(a, e)).as("%s row %d: %s vs %s", name, r, a, e).isZero();
                    } else {
                        double tol = Math.max(1e-9, Math.abs(e) * 1e-9);
                        assertThat(Math.abs(a - e)).as("%s row %d: %s vs %s", name, r, a, e).isLessThanOrEqualTo(tol);
                    }
                }
            }
        }
    }
}
