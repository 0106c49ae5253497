package org.rasteragg.core.table;

import java.util.Arrays;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.LabelState;

/**
 * The exact min or max of an int64 or uint64 image per row, from the state's exact 64-bit extremes:
 * int64 columns holding the image's values (raw bits for uint64, which {@link LongColumn} with type
 * UINT64 reads unsigned). A row of the index without voxels gets the dtype's max as min and its
 * min as max (SEMANTICS.md), exactly. Stateless.
 */
final class Int64ExtremeValues {

    private static final int SLOTS_PER_COPY = 1024;

    private Int64ExtremeValues() {
    }

    /** Whether min and max of an image of {@code type} need this (float64 rounds them above 2^53). */
    static boolean applies(DType type) {
        return type == DType.INT64 || type == DType.UINT64;
    }

    /**
     * Min or max ({@code s}) per channel and row.
     *
     * @param rowOfSlot the row of each slot of the state, or -1
     * @param rows the row count
     * @throws IllegalStateException when the state holds labels but no exact extremes (it was not
     *     computed from an image of {@code type})
     */
    static long[][] compute(LabelState state, Statistic s, DType type, int[] rowOfSlot, int rows, RangeTasks tasks) {
        int channels = state.channels();
        boolean unsigned = type == DType.UINT64;
        long absent = s == Statistic.MIN ? (unsigned ? -1L : Long.MAX_VALUE) : (unsigned ? 0L : Long.MIN_VALUE);
        long[][] v = new long[channels][rows];
        for (long[] column : v) {
            Arrays.fill(column, absent);
        }
        if (state.size() == 0) {
            return v;
        }
        if (!state.hasInt64Extremes()) {
            throw new IllegalStateException("the label state holds no exact 64-bit extremes: its blocks did not come "
                    + "from an " + type.numpyName() + " image");
        }
        LabelState.Part part = s == Statistic.MIN ? LabelState.Part.MIN : LabelState.Part.MAX;
        tasks.forRanges(rowOfSlot.length, (from, to) -> {
            long[] copy = new long[SLOTS_PER_COPY * channels];
            for (int k0 = from; k0 < to; k0 += SLOTS_PER_COPY) {
                int k1 = Math.min(to, k0 + SLOTS_PER_COPY);
                state.copyInt64(part, k0, k1, copy);
                for (int k = k0; k < k1; k++) {
                    int r = rowOfSlot[k];
                    if (r >= 0) {
                        for (int c = 0; c < channels; c++) {
                            v[c][r] = copy[(k - k0) * channels + c];
                        }
                    }
                }
            }
            return 0;
        });
        return v;
    }
}
