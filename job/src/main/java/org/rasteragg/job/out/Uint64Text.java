package org.rasteragg.job.out;

import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;

/**
 * The exact min/max columns of a 64-bit integer image ({@link org.rasteragg.job.ExactExtremes})
 * are int64 columns of raw bits: for a uint64 image the writers read them unsigned. Stateless.
 */
final class Uint64Text {

    private Uint64Text() {
    }

    /** Row {@code row} of {@code c} as CSV text; a uint64 column of raw bits as unsigned decimal text. */
    static String format(Column c, DType type, int row) {
        return type == DType.UINT64 && c instanceof LongColumn l ? Long.toUnsignedString(l.values()[row])
                : c.format(row);
    }

    /** The column as float64 (what the AnnData table's obs hold), a uint64 column read unsigned. */
    static double[] doubles(Column c, DType type) {
        if (c instanceof DoubleColumn d) {
            return d.values();
        }
        long[] v = ((LongColumn) c).values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            long x = v[i];
            out[i] = type == DType.UINT64 && x < 0 ? (double) (x >>> 1) * 2.0 + (x & 1) : x;
        }
        return out;
    }
}
