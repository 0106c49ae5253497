package org.rasteragg.zarr.anndata;

import java.util.List;

/** One column of an AnnData dataframe (obs or var). Immutable records; arrays are not copied. */
public sealed interface Column permits Column.Int64, Column.UInt64, Column.Float64, Column.Categorical,
        Column.Strings {

    /** Number of rows. */
    int length();

    /** An int64 column. */
    record Int64(long[] values) implements Column {
        @Override
        public int length() {
            return values.length;
        }
    }

    /** A uint64 column: raw 64-bit patterns read unsigned (2^64 - 1 is held as -1). */
    record UInt64(long[] bits) implements Column {
        @Override
        public int length() {
            return bits.length;
        }
    }

    /** A float64 column. */
    record Float64(double[] values) implements Column {
        @Override
        public int length() {
            return values.length;
        }
    }

    /**
     * The rows {@code rows} of a numeric column (int64, uint64 or float64), in that order.
     *
     * @throws IllegalArgumentException for a categorical or string column
     */
    static Column select(Column c, int[] rows) {
        if (c instanceof Float64 f) {
            double[] out = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                out[r] = f.values()[rows[r]];
            }
            return new Float64(out);
        }
        long[] from = numericBits(c);
        long[] out = new long[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = from[rows[r]];
        }
        return c instanceof Int64 ? new Int64(out) : new UInt64(out);
    }

    /**
     * The numeric columns {@code parts}, all of the kind of the first, one after the other.
     *
     * @throws IllegalArgumentException when their kinds differ or one is not numeric
     */
    static Column concat(List<Column> parts) {
        int n = parts.stream().mapToInt(Column::length).sum();
        Column first = parts.get(0);
        if (first instanceof Float64) {
            double[] out = new double[n];
            int at = 0;
            for (Column p : parts) {
                if (!(p instanceof Float64 f)) {
                    throw new IllegalArgumentException("obs column parts of different types: float64 and " + p);
                }
                System.arraycopy(f.values(), 0, out, at, f.values().length);
                at += f.values().length;
            }
            return new Float64(out);
        }
        long[] out = new long[n];
        int at = 0;
        for (Column p : parts) {
            if (p.getClass() != first.getClass()) {
                throw new IllegalArgumentException("obs column parts of different types: " + first.getClass()
                        .getSimpleName() + " and " + p.getClass().getSimpleName());
            }
            long[] bits = numericBits(p);
            System.arraycopy(bits, 0, out, at, bits.length);
            at += bits.length;
        }
        return first instanceof Int64 ? new Int64(out) : new UInt64(out);
    }

    private static long[] numericBits(Column c) {
        if (c instanceof Int64 i) {
            return i.values();
        }
        if (c instanceof UInt64 u) {
            return u.bits();
        }
        throw new IllegalArgumentException("not a numeric column: " + c.getClass().getSimpleName());
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
