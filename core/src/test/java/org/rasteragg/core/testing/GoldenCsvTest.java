package org.rasteragg.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenCsvTest {

    @Test
    void parsesHarpyLayoutWithEmptyFieldsAsNaN() {
        GoldenCsv csv = GoldenCsv.parse("0,1,2,cell_ID\r\n0.5,,3,35\n,,,999\n1e-3,nan,-inf,-1125899906842624\n", "t");
        assertThat(csv.columns()).containsExactly("0", "1", "2", "cell_ID");
        assertThat(csv.rowCount()).isEqualTo(3);
        assertThat(csv.doubles("0")).containsExactly(0.5, Double.NaN, 1e-3);
        assertThat(csv.doubles("1")).containsExactly(Double.NaN, Double.NaN, Double.NaN);
        assertThat(csv.doubles("2")).containsExactly(3.0, Double.NaN, Double.NEGATIVE_INFINITY);
        assertThat(csv.longs("cell_ID")).containsExactly(35, 999, -1125899906842624L);
        assertThat(csv.text(1, "0")).isEmpty();
    }

    @Test
    void readsTheCommittedHarpyGolden() {
        GoldenCsv csv = GoldenCsv.readResource("/golden/harpy/uint16_3d/center_of_mass__index_absent.csv");
        assertThat(csv.longs("cell_ID")).containsExactly(35, 999, 0, 7, 1000);
        assertThat(csv.doubles("1")[1]).isNaN();
        assertThat(csv.doubles("2")[4]).isEqualTo(2.0);
        ExpectedTable t = ExpectedTable.fromCsv(csv);
        assertThat(t.column("cell_ID")).isInstanceOf(long[].class);
        assertThat(t.column("0")).isInstanceOf(double[].class);
    }

    @Test
    void rejectsRaggedRowsAndUnknownColumns() {
        assertThatThrownBy(() -> GoldenCsv.parse("a,b\n1\n", "r")).hasMessageContaining("1 fields");
        GoldenCsv csv = GoldenCsv.parse("a,b\n1,2\n", "r");
        assertThatThrownBy(() -> csv.doubles("c")).hasMessageContaining("'c'");
    }

    @Test
    void tableAssertionsCatchDifferences() {
        ExpectedTable want = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {1.0, Double.NaN}, new long[] {4, 5}));
        ExpectedTable near = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {1.0 + 1e-12, Double.NaN}, new long[] {4, 5}));
        TableAssertions.assertTableMatches(near, want, Tolerance.FLOAT64_REFERENCE, "near");
        ExpectedTable far = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {1.0 + 1e-6, Double.NaN}, new long[] {4, 5}));
        assertThatThrownBy(() -> TableAssertions.assertTableMatches(far, want, Tolerance.FLOAT64_REFERENCE, "far"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("row 0");
        ExpectedTable notNan = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {1.0, 0.0}, new long[] {4, 5}));
        assertThatThrownBy(() -> TableAssertions.assertTableMatches(notNan, want, Tolerance.HARPY, "nan"))
                .isInstanceOf(AssertionError.class);
        ExpectedTable renamed = new ExpectedTable(List.of("0", "label"), List.of(new double[] {1.0, Double.NaN}, new long[] {4, 5}));
        assertThatThrownBy(() -> TableAssertions.assertTableMatches(renamed, want, Tolerance.HARPY, "names"))
                .isInstanceOf(AssertionError.class);
        ExpectedTable reordered = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {1.0, Double.NaN}, new long[] {5, 4}));
        assertThatThrownBy(() -> TableAssertions.assertTableMatches(reordered, want, Tolerance.HARPY, "rows"))
                .isInstanceOf(AssertionError.class);
        ExpectedTable oneUlp = new ExpectedTable(List.of("0", "cell_ID"), List.of(new double[] {Math.nextUp(1.0), Double.NaN}, new long[] {4, 5}));
        assertThatThrownBy(() -> TableAssertions.assertIdentical(oneUlp, want, "bits")).isInstanceOf(AssertionError.class);
    }
}
