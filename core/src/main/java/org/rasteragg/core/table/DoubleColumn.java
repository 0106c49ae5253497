package org.rasteragg.core.table;

import java.util.Arrays;
import java.util.Objects;
import org.rasteragg.core.array.DType;

/**
 * A float64 column. {@code valueType} is the type the values are exact in: FLOAT64 for computed
 * statistics, the image dtype for min and max (so writers can store them in that type). The array
 * is not copied: treat it as read-only.
 */
public record DoubleColumn(String name, double[] values, DType valueType) implements Column {

    public DoubleColumn {
        Objects.requireNonNull(name);
        Objects.requireNonNull(values);
        Objects.requireNonNull(valueType);
    }

    public DoubleColumn(String name, double[] values) {
        this(name, values, DType.FLOAT64);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String format(int row) {
        return CellText.toString(values[row], valueType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleColumn c && name.equals(c.name) && valueType == c.valueType
                && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DoubleColumn[" + name + ", " + valueType.numpyName() + ", " + values.length + " rows]";
    }
}
