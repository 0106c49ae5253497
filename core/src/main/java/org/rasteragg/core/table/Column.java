package org.rasteragg.core.table;

/** A named column of a {@link StatTable}. */
public sealed interface Column permits LongColumn, DoubleColumn {

    String name();

    int size();

    /** The value at {@code row} as CSV text: integers without a decimal point, NaN as an empty field. */
    String format(int row);
}
