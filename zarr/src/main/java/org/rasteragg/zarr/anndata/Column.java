package org.rasteragg.zarr.anndata;

import java.util.Arrays;
import java.util.List;

/** One column of an AnnData dataframe (obs or var). Immutable records; arrays are not copied. */
public sealed interface Column permits Column.Int64, Column.UInt64, Column.Float64, Column.Categorical, Column.Strings {

    /** Number of rows. */
    int length();

    /** An int64 column: {@code length} values of {@code data} from {@code first} (a view, not a copy). */
    record Int64(long[] data, int first, int length) implements Column {
        public Int64 {
            checkRange(data.length, first, length);
        }

        public Int64(long[] values) {
            this(values, 0, values.length);
        }

        /** The column's values (the array itself when the view is all of it). */
        public long[] values() {
            return first == 0 && length == data.length ? data : Arrays.copyOfRange(data, first, first + length);
        }
    }

    /**
     * A uint64 column: {@code length} raw 64-bit patterns of {@code data} from {@code first}, read
     * unsigned (2^64 - 1 is held as -1); a view, not a copy.
     */
    record UInt64(long[] data, int first, int length) implements Column {
        public UInt64 {
            checkRange(data.length, first, length);
        }

        public UInt64(long[] bits) {
            this(bits, 0, bits.length);
        }

        /** The column's bit patterns (the array itself when the view is all of it). */
        public long[] bits() {
            return first == 0 && length == data.length ? data : Arrays.copyOfRange(data, first, first + length);
        }
    }

    /** A float64 column: {@code length} values of {@code data} from {@code first} (a view, not a copy). */
    record Float64(double[] data, int first, int length) implements Column {
        public Float64 {
            checkRange(data.length, first, length);
        }

        public Float64(double[] values) {
            this(values, 0, values.length);
        }

        /** The column's values (the array itself when the view is all of it). */
        public double[] values() {
            return first == 0 && length == data.length ? data : Arrays.copyOfRange(data, first, first + length);
        }
    }

    /** Whether {@code c} holds numbers (int64, uint64 or float64). */
    static boolean isNumeric(Column c) {
        return c instanceof Int64 || c instanceof UInt64 || c instanceof Float64;
    }

    /** The numeric columns {@code parts}, all of one kind, one after the other (a copy). */
    public static Column concat(List<Column> parts) {
        int[][] rows = new int[parts.size()][];
        for (int f = 0; f < rows.length; f++) {
            rows[f] = java.util.stream.IntStream.range(0, parts.get(f).length()).toArray();
        }
        return gather(parts, rows);
    }

    /** Rows {@code [from, from + n)} of a numeric column, as a view of its arrays (no copy). */
    static Column slice(Column c, int from, int n) {
        checkRange(c.length(), from, n);
        if (c instanceof Int64 i) {
            return new Int64(i.data(), i.first() + from, n);
        }
        if (c instanceof UInt64 u) {
            return new UInt64(u.data(), u.first() + from, n);
        }
        if (c instanceof Float64 f) {
            return new Float64(f.data(), f.first() + from, n);
        }
        throw new IllegalArgumentException("not a numeric column: " + c.getClass().getSimpleName());
    }

    /**
     * The rows {@code rows[f]} of every numeric column {@code parts[f]}, one part after the other,
     * in the kind of the first part.
     *
     * @throws IllegalArgumentException when the parts' kinds differ or one is not numeric
     */
    public static Column gather(List<Column> parts, int[][] rows) {
        int n = 0;
        for (int[] r : rows) {
            n += r.length;
        }
        Column first = parts.get(0);
        for (Column p : parts) {
            if (p.getClass() != first.getClass() || !isNumeric(p)) {
                throw new IllegalArgumentException("obs column parts of different or non-numeric types: "
                        + first.getClass().getSimpleName() + " and " + p.getClass().getSimpleName());
            }
        }
        if (first instanceof Float64) {
            double[] out = new double[n];
            int at = 0;
            for (int f = 0; f < parts.size(); f++) {
                Float64 c = (Float64) parts.get(f);
                for (int r : rows[f]) {
                    out[at++] = c.data()[c.first() + r];
                }
            }
            return new Float64(out);
        }
        long[] out = new long[n];
        int at = 0;
        for (int f = 0; f < parts.size(); f++) {
            Column c = parts.get(f);
            long[] data = c instanceof Int64 i ? i.data() : ((UInt64) c).data();
            int offset = c instanceof Int64 i ? i.first() : ((UInt64) c).first();
            for (int r : rows[f]) {
                out[at++] = data[offset + r];
            }
        }
        return first instanceof Int64 ? new Int64(out) : new UInt64(out);
    }

    private static void checkRange(int size, int first, int length) {
        if (first < 0 || length < 0 || first + length > size) {
            throw new IllegalArgumentException("rows [" + first + ", " + (first + length) + ") of " + size);
        }
    }

    /** A pandas categorical: {@code codes[i]} indexes {@code categories} (-1 for missing). */
    record Categorical(List<String> categories, int[] codes, boolean ordered) implements Column {
        public Categorical {
            categories = List.copyOf(categories);
            for (int c : codes) {
                if (c < -1 || c >= categories.size()) {
                    throw new IllegalArgumentException("categorical code " + c + " outside " + categories.size()
                            + " categories");
                }
            }
        }

        /** Every row in the single category {@code value}. */
        public static Categorical constant(String value, int rows) {
            return new Categorical(List.of(value), new int[rows], false);
        }

        @Override
        public int length() {
            return codes.length;
        }
    }

    /** A string column. */
    record Strings(List<String> values) implements Column {
        public Strings {
            values = List.copyOf(values);
        }

        @Override
        public int length() {
            return values.size();
        }
    }
}
