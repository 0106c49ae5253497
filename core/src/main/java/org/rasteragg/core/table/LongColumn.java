package org.rasteragg.core.table;

import java.util.Arrays;
import java.util.Objects;
import org.rasteragg.core.array.DType;

/**
 * A 64-bit integer column: labels, counts, and the exact min and max of an int64 or uint64 image.
 * {@code valueType} is INT64, or UINT64 for values stored as raw bits and read unsigned (2^64 - 1
 * is held as -1). The array is not copied: treat it as read-only.
 */
public record LongColumn(String name, long[] values, DType valueType) implements Column {

    public LongColumn {
        Objects.requireNonNull(name);
        Objects.requireNonNull(values);
        if (valueType != DType.INT64 && valueType != DType.UINT64) {
            throw new IllegalArgumentException("a long column holds int64 or uint64 values, not " + valueType);
        }
    }

    /** An int64 column. */
    public LongColumn(String name, long[] values) {
        this(name, values, DType.INT64);
    }

    /** Whether the values are raw bits of uint64 values. */
    public boolean unsigned() {
        return valueType == DType.UINT64;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String format(int row) {
        return unsigned() ? Long.toUnsignedString(values[row]) : Long.toString(values[row]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongColumn c && name.equals(c.name) && valueType == c.valueType
                && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LongColumn[" + name + ", " + valueType.numpyName() + ", " + values.length + " rows]";
    }
}
