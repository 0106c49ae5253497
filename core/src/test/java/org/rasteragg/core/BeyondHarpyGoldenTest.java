package org.rasteragg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.GoldenTestSupport.Chunking;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.GoldenCsv;
import org.rasteragg.core.testing.Tolerance;

/**
 * std, median, quantiles, bbox, wcenter, radii and axes against numpy/scipy float64 references
 * (core/src/test/resources/golden/beyond, written by tools/fixtures/core/make_beyond_harpy_fixtures.py)
 * on three chunkings (labels spanning several blocks of differing mask and image grids), one and
 * three threads, all labels and an index with absent labels.
 */
class BeyondHarpyGoldenTest {

    static final List<String> CASES = List.of("ellipses2d_uint16", "ellipsoids3d_float32", "int64_labels_int16",
            "float64_2d", "uint8_ties");
    static final List<String> QUANTILES = List.of("0", "0.1", "0.25", "0.333", "0.5", "0.9", "1");
    private static final Tolerance FLOAT64 = new Tolerance(1e-9, 1e-12);
    private static final Tolerance QUANTILE = new Tolerance(1e-12, 0);

    static {
        org.rasteragg.core.testing.QuietLogs.install();
    }

    static Set<Statistic> requested() {
        EnumSet<Statistic> s = EnumSet.copyOf(Statistic.BEYOND_HARPY);
        s.add(Statistic.COUNT);
        return s;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : CASES) {
            for (String index : new String[] {null, "absent"}) {
                out.add(Arguments.of(new GoldenCase("beyond", name), index));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} index={1}")
    @MethodSource("cases")
    void equalsNumpyOnEveryChunking(GoldenCase c, String index) {
        GoldenCsv want = c.csv("wide", index);
        for (Chunking ch : Chunking.values()) {
            for (int threads : new int[] {1, 3}) {
                RasterAggregator agg = GoldenTestSupport.aggregator(c, ch, threads);
                int channels = (int) agg.image().grid().extent(0);
                StatTable got = agg.aggregateAll(requested(), Quantile.parse(QUANTILES), c.index(index))
                        .wideTable(IntStream.range(0, channels).mapToObj(Integer::toString).toList());
                String where = c + " index=" + index + " " + ch + " threads=" + threads;
                assertThat(got.columnNames()).as(where).isEqualTo(want.columns());
                assertColumns(got, want, where);
            }
        }
    }

    static void assertColumns(StatTable got, GoldenCsv want, String where) {
        for (String col : want.columns()) {
            if (col.startsWith("axis_")) {
                continue;
            }
            if (col.startsWith("bbox_") || col.equals("cell_ID") || col.equals("shapeSize")) {
                assertThat(got.longs(col)).as(where + " " + col).containsExactly(want.longs(col));
                continue;
            }
            Tolerance t = col.startsWith("q") || col.startsWith("median") ? QUANTILE : FLOAT64;
            double[] g = got.doubles(col);
            double[] w = want.doubles(col);
            for (int r = 0; r < w.length; r++) {
                assertThat(t.matches(g[r], w[r])).as("%s %s row %d: got %s, numpy %s", where, col, r, g[r], w[r])
                        .isTrue();
            }
        }
        assertAxes(got, want, where);
    }

    /**
     * Eigenvectors where their eigenvalue is separated from the others (elsewhere any unit vector of
     * the eigenspace is right); up to sign where the two largest components are equal in magnitude
     * (the sign rule is then decided by rounding).
     */
    static void assertAxes(StatTable got, GoldenCsv want, String where) {
        String[] a = {"z", "y", "x"};
        for (int r = 0; r < want.rowCount(); r++) {
            double[] lambda = new double[3];
            for (int i = 0; i < 3; i++) {
                double radius = want.doubles("radius_" + i)[r];
                lambda[i] = radius * radius;
            }
            for (int i = 0; i < 3; i++) {
                double[] g = new double[3];
                double[] w = new double[3];
                for (int k = 0; k < 3; k++) {
                    g[k] = got.doubles("axis_" + i + "_" + a[k])[r];
                    w[k] = want.doubles("axis_" + i + "_" + a[k])[r];
                }
                if (Double.isNaN(w[0])) {
                    assertThat(g).as(where + " absent row " + r).containsOnly(Double.NaN);
                    continue;
                }
                boolean separated = true;
                for (int j = 0; j < 3; j++) {
                    if (j != i && Math.abs(lambda[i] - lambda[j]) <= 1e-6 * Math.max(lambda[0], 1e-300)) {
                        separated = false;
                    }
                }
                boolean identity = lambda[0] == 0 && lambda[1] == 0 && lambda[2] == 0;
                if (!separated && !identity) {
                    continue;
                }
                double[] sorted = {Math.abs(w[0]), Math.abs(w[1]), Math.abs(w[2])};
                java.util.Arrays.sort(sorted);
                double sign = sorted[2] - sorted[1] < 1e-9 && g[0] * w[0] + g[1] * w[1] + g[2] * w[2] < 0 ? -1 : 1;
                for (int k = 0; k < 3; k++) {
                    assertThat(Math.abs(sign * g[k] - w[k])).as("%s row %d axis_%d_%s: got %s, numpy %s", where, r,
                            i, a[k], g[k], w[k]).isLessThanOrEqualTo(1e-9);
                }
            }
        }
    }
}
