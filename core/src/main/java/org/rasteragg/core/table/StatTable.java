package org.rasteragg.core.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column table of per-label results, one row per label in index order (harpy's DataFrame).
 * Immutable; columns hold their arrays without copying, so treat them as read-only.
 */
public final class StatTable {

    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final int rowCount;

    /**
     * @param name what the table holds ("mean", "area", "center_of_mass", "stats")
     * @param columns equally long columns with distinct names
     */
    public StatTable(String name, List<Column> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column name " + c.name());
            }
        }
        this.rowCount = rows;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column called {@code columnName}. */
    public Column column(String columnName) {
        Column c = byName.get(columnName);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + columnName + "' in table " + name + "; columns: "
                    + columnNames());
        }
        return c;
    }

    /** The float64 values of a column (long columns are converted, uint64 ones unsigned, rounded to nearest). */
    public double[] doubles(String columnName) {
        Column c = column(columnName);
        if (c instanceof DoubleColumn d) {
            return d.values().clone();
        }
        LongColumn l = (LongColumn) c;
        long[] v = l.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            // uint64 raw bits: halve with the lost bit kept sticky, so the one rounding is correct
            out[i] = l.unsigned() && v[i] < 0 ? (double) ((v[i] >>> 1) | (v[i] & 1)) * 2.0 : v[i];
        }
        return out;
    }

    /** The 64-bit values of a long column (raw bits for a uint64 one). */
    public long[] longs(String columnName) {
        Column c = column(columnName);
        if (c instanceof LongColumn l) {
            return l.values().clone();
        }
        throw new IllegalArgumentException("column '" + columnName + "' of table " + name + " is not an integer column");
    }

    public int rowCount() {
        return rowCount;
    }

    /**
     * Writes the table as CSV (RFC 4180) with a header line: integers as integers, NaN as an empty
     * field, names with a comma, quote or line break quoted; the bytes of {@link CsvEncoder}.
     */
    public void writeCsv(Writer out) {
        try {
            new CsvEncoder(columns).write(new WriterOutputStream(out), 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV of table " + name, e);
        }
    }

    public String toCsv() {
        java.io.StringWriter w = new java.io.StringWriter();
        writeCsv(w);
        return w.toString();
    }

    @Override
    public String toString() {
        return "StatTable[" + name + ", " + rowCount + " rows, columns " + columnNames() + "]";
    }
}
