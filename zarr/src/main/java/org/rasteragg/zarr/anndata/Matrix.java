package org.rasteragg.zarr.anndata;

import java.util.Arrays;

/**
 * A float64 matrix of an AnnData table (X, an obsm entry) held column by column, as the engine's
 * result holds it, and written row-major a chunk at a time, so a table of 10^7 rows never holds a
 * second, row-major copy or an array per row. Value (r, c) is {@code columns[c][first + r]}, plus
 * {@code addends[c]} when addends are given (obsm["spatial"]'s translation, added while writing).
 * Immutable by contract; arrays are not copied.
 *
 * @param rows the number of rows
 * @param columns one array of at least {@code first + rows} values per column
 * @param addends one value per column added to it, or null
 * @param first the array index of row 0 (a view that leaves out leading rows, the background's)
 */
public record Matrix(int rows, double[][] columns, double[] addends, int first) {

    public Matrix {
        for (int c = 0; c < columns.length; c++) {
            if (first < 0 || columns[c].length < first + rows) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " values for " + rows
                        + " rows");
            }
        }
        if (addends != null && addends.length != columns.length) {
            throw new IllegalArgumentException(addends.length + " addends for " + columns.length + " columns");
        }
    }

    /** All rows of the columns from their first value. */
    public Matrix(int rows, double[][] columns, double[] addends) {
        this(rows, columns, addends, 0);
    }

    /** A matrix of {@code width} columns from an array per row (small tables, tests). */
    public static Matrix ofRows(double[][] rows, int width) {
        double[][] columns = new double[width][rows.length];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values for " + width
                        + " columns");
            }
            for (int c = 0; c < width; c++) {
                columns[c][r] = rows[r][c];
            }
        }
        return new Matrix(rows.length, columns, null);
    }

    public int width() {
        return columns.length;
    }

    /** Value (r, c). */
    public double get(int r, int c) {
        return addends == null ? columns[c][first + r] : columns[c][first + r] + addends[c];
    }

    /** Rows {@code [from, to)} row-major into {@code out[0 .. (to - from) * width)}. */
    public void rowMajor(int from, int to, double[] out) {
        int k = columns.length;
        for (int c = 0; c < k; c++) {
            double[] col = columns[c];
            double add = addends == null ? 0 : addends[c];
            for (int r = first + from, end = first + to, i = c; r < end; r++, i += k) {
                out[i] = addends == null ? col[r] : col[r] + add;
            }
        }
    }

    /** The whole matrix row-major (small tables, tests). */
    public double[] rowMajor() {
        double[] out = new double[rows * columns.length];
        rowMajor(0, rows, out);
        return out;
    }

    /** The whole matrix as an array per row (small tables, tests). */
    public double[][] toRows() {
        double[] flat = rowMajor();
        double[][] out = new double[rows][];
        int k = columns.length;
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * k, r * k + k);
        }
        return out;
    }
}
