package org.rasteragg.core.table;

import java.nio.charset.StandardCharsets;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.text.DoubleText;
import org.rasteragg.core.text.LongText;

/**
 * The text of one table value, the one rule for {@link Column#format} and {@link CsvEncoder}: NaN as an
 * empty field, values of an integer type (min and max of integer images) as integers, other doubles
 * as their shortest round-trip text.
 */
final class CellText {

    /** The most bytes one value takes. */
    static final int MAX_LENGTH = Math.max(DoubleText.MAX_LENGTH, LongText.MAX_LENGTH);

    private CellText() {
    }

    /** Writes {@code v} at {@code pos} (nothing for NaN); returns the index after it. */
    static int write(double v, boolean integerType, byte[] buf, int pos) {
        if (Double.isNaN(v)) {
            return pos;
        }
        if (integerType && Math.abs(v) < 0x1p63) {
            return LongText.write((long) v, buf, pos);
        }
        return DoubleText.write(v, buf, pos);
    }

    static String toString(double v, DType valueType) {
        byte[] scratch = new byte[MAX_LENGTH];
        return new String(scratch, 0, write(v, valueType.isInteger(), scratch, 0), StandardCharsets.ISO_8859_1);
    }
}
