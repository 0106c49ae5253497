package org.rasteragg.zarr.anndata;

import java.util.Arrays;
import java.util.List;

/** One column of an AnnData dataframe (obs or var). Immutable records; arrays are not copied. */
public sealed interface Column permits Column.Int64, Column.Float64, Column.Categorical, Column.Strings {

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
