package org.rasteragg.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.array.DType;

/**
 * The oracle itself, checked against numpy/scipy (the committed float64 goldens, tight tolerance)
 * and against harpy's outputs (its float32 tolerance): the oracle is what the property tests
 * trust, so it must agree with both before it judges the engine.
 */
class OracleTest {

    static Stream<Arguments> scipyTables() {
        return GoldenCase.tableArguments(GoldenCase.scipy());
    }

    static Stream<Arguments> harpyTables() {
        return GoldenCase.tableArguments(GoldenCase.harpy());
    }

    @ParameterizedTest(name = "{0} {1} index={2}")
    @MethodSource("scipyTables")
    void oracleEqualsScipy(GoldenCase c, String table, String index) {
        ExpectedTable want = ExpectedTable.fromCsv(c.csv(table, index));
        ExpectedTable got = c.oracle(index).table(GoldenCase.statisticOf(table));
        TableAssertions.assertTableMatches(got, want, new Tolerance(1e-12, 1e-12), c + " " + table);
    }

    @ParameterizedTest(name = "{0} {1} index={2}")
    @MethodSource("harpyTables")
    void oracleEqualsHarpyWithinFloat32(GoldenCase c, String table, String index) {
        ExpectedTable want = ExpectedTable.fromCsv(c.csv(table, index));
        ExpectedTable got = c.oracle(index).table(GoldenCase.statisticOf(table));
        String stat = GoldenCase.statisticOf(table);
        Tolerance tol = stat.equals("skew") || stat.equals("kurtosis") ? Tolerance.HARPY_MOMENTS : Tolerance.HARPY;
        TableAssertions.assertTableMatches(got, want, tol, c + " " + table);
    }

    @Test
    void handComputedSmallCase() {
        // labels 1: {1, 2, 3, 10}, 2: {5}, 0 absent from the index; index asks 2, 1, 9
        long[] labels = {1, 1, 2, 1, 1, 0};
        double[] img = {1, 2, 5, 3, 10, 100};
        Oracle.Result r = Oracle.compute(labels, new long[] {1, 2, 3}, img, DType.FLOAT64, 1, new long[] {2, 1, 9});
        assertThat(r.count()).containsExactly(1, 4, 0);
        assertThat(r.sum()[1][0]).isEqualTo(16.0);
        assertThat(r.mean()[1][0]).isEqualTo(4.0);
        // deviations -3, -2, -1, 6: M2 = 50, M3 = -27 - 8 - 1 + 216 = 180, M4 = 81 + 16 + 1 + 1296 = 1394
        assertThat(r.var()[1][0]).isEqualTo(12.5);
        assertThat(r.skew()[1][0]).isCloseTo(45.0 / Math.pow(12.5, 1.5), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(r.kurtosis()[1][0]).isCloseTo(348.5 / 156.25 - 3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(r.min()[1][0]).isEqualTo(1.0);
        assertThat(r.max()[1][0]).isEqualTo(10.0);
        // voxels of label 1: flat 0, 1, 3, 4 -> (y, x) = (0,0), (0,1), (1,0), (1,1)
        assertThat(r.center()[1]).containsExactly(0.0, 0.5, 0.5);
        assertThat(r.var()[0][0]).isZero();
        assertThat(r.skew()[0][0]).isZero();
        assertThat(r.mean()[2][0]).isNaN();
        assertThat(r.min()[2][0]).isEqualTo(Double.MAX_VALUE);
        assertThat(r.max()[2][0]).isEqualTo(-Double.MAX_VALUE);
        assertThat(r.center()[2][0]).isNaN();
        assertThat(Oracle.compute(labels, new long[] {1, 2, 3}, null, null, 0, null).labels()).containsExactly(0, 1, 2);
    }
}
