package org.rasteragg.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Assertions on result tables: same column names in order, same rows, values within a tolerance. */
public final class TableAssertions {

    private TableAssertions() {
    }

    /**
     * Asserts {@code actual} equals {@code expected}: column names and their order, row count;
     * long columns exactly (when expected is long[], actual must be long[] too), double columns
     * within {@code tol} (a long[] actual column is compared as doubles).
     */
    public static void assertTableMatches(ExpectedTable actual, ExpectedTable expected, Tolerance tol, String context) {
        assertTableMatches(actual, expected, (column, row) -> tol, context);
    }

    /** A tolerance per cell (column index, row). */
    @FunctionalInterface
    public interface CellTolerance {
        Tolerance at(int column, int row);
    }

    /** As {@link #assertTableMatches(ExpectedTable, ExpectedTable, Tolerance, String)} with a tolerance per cell. */
    public static void assertTableMatches(ExpectedTable actual, ExpectedTable expected, CellTolerance cellTol,
                                          String context) {
        assertThat(actual.columns()).as("%s: column names", context).containsExactlyElementsOf(expected.columns());
        assertThat(actual.rowCount()).as("%s: row count", context).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columns().size(); c++) {
            String name = expected.columns().get(c);
            Object e = expected.data().get(c);
            Object a = actual.data().get(c);
            if (e instanceof long[] el) {
                assertThat(a).as("%s: column %s must be integer", context, name).isInstanceOf(long[].class);
                assertThat((long[]) a).as("%s: column %s", context, name).containsExactly(el);
            } else {
                double[] ed = (double[]) e;
                double[] ad = a instanceof long[] al ? java.util.Arrays.stream(al).asDoubleStream().toArray() : (double[]) a;
                for (int r = 0; r < ed.length; r++) {
                    Tolerance tol = cellTol.at(c, r);
                    if (!tol.matches(ad[r], ed[r])) {
                        fail(String.format("%s: column %s row %d: expected %s but was %s (diff %.3g, tolerance rel %g abs %g)",
                                context, name, r, ed[r], ad[r], Math.abs(ad[r] - ed[r]), tol.rel(), tol.abs()));
                    }
                }
            }
        }
    }

    /** Bit-for-bit equality (NaN equals NaN): for 1 vs N threads. */
    public static void assertIdentical(ExpectedTable actual, ExpectedTable expected, String context) {
        assertThat(actual.columns()).as("%s: column names", context).containsExactlyElementsOf(expected.columns());
        for (int c = 0; c < expected.columns().size(); c++) {
            Object e = expected.data().get(c);
            Object a = actual.data().get(c);
            String name = expected.columns().get(c);
            if (e instanceof long[] el) {
                assertThat((long[]) a).as("%s: column %s", context, name).containsExactly(el);
            } else {
                double[] ed = (double[]) e;
                double[] ad = (double[]) a;
                assertThat(ad.length).isEqualTo(ed.length);
                for (int r = 0; r < ed.length; r++) {
                    if (Double.doubleToLongBits(ad[r]) != Double.doubleToLongBits(ed[r])) {
                        fail(String.format("%s: column %s row %d differs: %s vs %s", context, name, r, ed[r], ad[r]));
                    }
                }
            }
        }
    }
}
