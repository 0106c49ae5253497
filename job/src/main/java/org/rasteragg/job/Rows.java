package org.rasteragg.job;

import java.util.ArrayList;
import java.util.List;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/** Row selections of a wide table. */
public final class Rows {

    private Rows() {
    }

    /** The table without the row of label 0 (the first column holds the labels); the table itself if none. */
    public static StatTable withoutBackground(StatTable t) {
        long[] labels = ((LongColumn) t.columns().get(0)).values();
        int n = 0;
        for (long l : labels) {
            n += l != 0 ? 1 : 0;
        }
        if (n == labels.length) {
            return t;
        }
        List<Column> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof LongColumn l) {
                long[] v = new long[n];
                for (int r = 0, i = 0; r < labels.length; r++) {
                    if (labels[r] != 0) {
                        v[i++] = l.values()[r];
                    }
                }
                out.add(new LongColumn(c.name(), v, l.valueType()));
            } else {
                DoubleColumn d = (DoubleColumn) c;
                double[] v = new double[n];
                for (int r = 0, i = 0; r < labels.length; r++) {
                    if (labels[r] != 0) {
                        v[i++] = d.values()[r];
                    }
                }
                out.add(new DoubleColumn(c.name(), v, d.valueType()));
            }
        }
        return new StatTable(t.name(), out);
    }
}
