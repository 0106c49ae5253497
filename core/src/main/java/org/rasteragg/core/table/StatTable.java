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

    /** The float64 values of a column (long columns are converted). */
    public double[] doubles(String columnName) {
        Column c = column(columnName);
        if (c instanceof DoubleColumn d) {
            return d.values().clone();
        }
        long[] v = ((LongColumn) c).values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The int64 values of a long column. */
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

    /** Writes the table as CSV with a header line: integers as integers, NaN as an empty field. */
    public void writeCsv(Writer out) {
        try {
            StringBuilder line = new StringBuilder(256);
            for (int c = 0; c < columns.size(); c++) {
                line.append(c == 0 ? "" : ",").append(csvName(columns.get(c).name()));
            }
            out.write(line.append('\n').toString());
            for (int r = 0; r < rowCount; r++) {
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(columns.get(c).format(r));
                }
                out.write(line.append('\n').toString());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV of table " + name, e);
        }
    }

    public String toCsv() {
        java.io.StringWriter w = new java.io.StringWriter();
        writeCsv(w);
        return w.toString();
    }

    private static String csvName(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public String toString() {
        return "StatTable[" + name + ", " + rowCount + " rows, columns " + columnNames() + "]";
    }
}
