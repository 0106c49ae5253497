package org.rasteragg.core.table;

import java.util.Arrays;
import java.util.Objects;

/** An int64 column (labels, counts). The array is not copied: treat it as read-only. */
public record LongColumn(String name, long[] values) implements Column {

    public LongColumn {
        Objects.requireNonNull(name);
        Objects.requireNonNull(values);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String format(int row) {
        return Long.toString(values[row]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongColumn c && name.equals(c.name) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LongColumn[" + name + ", " + values.length + " rows]";
    }
}
