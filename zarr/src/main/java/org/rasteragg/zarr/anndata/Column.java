package org.rasteragg.zarr.anndata;

import java.util.List;

/** One column of an AnnData dataframe (obs or var). Immutable records; arrays are not copied. */
public sealed interface Column permits Column.Int64, Column.Float64, Column.Categorical, Column.Strings {

    /** Number of rows. */
    int length();

    /** An int64 column. */
    record Int64(long[] values) implements Column {
        @Override
        public int length() {
            return values.length;
        }
    }

    /** A float64 column. */
    record Float64(double[] values) implements Column {
        @Override
        public int length() {
            return values.length;
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
