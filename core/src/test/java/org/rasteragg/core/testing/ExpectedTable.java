package org.rasteragg.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An expected result table: column names in order, each column a {@code long[]} (labels, counts:
 * compared exactly) or a {@code double[]} (compared with a tolerance; NaN matches only NaN).
 */
public record ExpectedTable(List<String> columns, List<Object> data) {

    public ExpectedTable {
        columns = List.copyOf(columns);
        data = List.copyOf(data);
        if (columns.size() != data.size()) {
            throw new IllegalArgumentException(columns.size() + " names for " + data.size() + " columns");
        }
        for (Object d : data) {
            if (!(d instanceof long[]) && !(d instanceof double[])) {
                throw new IllegalArgumentException("column data must be long[] or double[]: " + d);
            }
        }
    }

    public int rowCount() {
        return data.isEmpty() ? 0 : java.lang.reflect.Array.getLength(data.get(0));
    }

    public Object column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return data.get(i);
    }

    /**
     * A golden CSV as an expected table: the columns named in {@code exactColumns} (labels,
     * counts) as longs, the rest as doubles.
     */
    public static ExpectedTable fromCsv(GoldenCsv csv, List<String> exactColumns) {
        List<Object> cols = new ArrayList<>();
        for (String c : csv.columns()) {
            cols.add(exactColumns.contains(c) ? csv.longs(c) : csv.doubles(c));
        }
        return new ExpectedTable(csv.columns(), cols);
    }

    /** A golden CSV with cell_ID and shapeSize exact. */
    public static ExpectedTable fromCsv(GoldenCsv csv) {
        return fromCsv(csv, List.of("cell_ID", "shapeSize"));
    }
}
