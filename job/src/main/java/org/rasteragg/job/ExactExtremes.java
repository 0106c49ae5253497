package org.rasteragg.job;

import java.util.ArrayList;
import java.util.List;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.kernel.RowReader;
import org.rasteragg.core.state.LongIntHashMap;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;

/**
 * Exact per-label min and max of an int64 or uint64 image, which the engine's float64 state
 * cannot hold (2^53 + 1 would become 2^53, 2^64 - 1 would become 1.8446744073709552E19): one more
 * read of the mask and the image, made only for those two dtypes and only when min or max is
 * reported. Values are raw 64-bit patterns (uint64 compared unsigned). A label without voxels gets
 * the engine's sentinels, the dtype's max as min and its min as max. Not thread-safe.
 */
public final class ExactExtremes {

    private final long[] min;
    private final long[] max;

    private ExactExtremes(long[] min, long[] max) {
        this.min = min;
        this.max = max;
    }

    /** Whether min/max of an image of {@code type} need this pass. */
    public static boolean needed(DType type) {
        return type == DType.INT64 || type == DType.UINT64;
    }

    /**
     * @param mask the label mask, (y, x) or (z, y, x)
     * @param image the (chosen channels of the) image, with a leading channel axis or without
     * @param rows the result's labels in row order
     */
    static ExactExtremes compute(ChunkedArray mask, ChunkedArray image, long[] rows) {
        boolean unsigned = image.dtype() == DType.UINT64;
        int spatial = mask.ndim();
        int channels = image.ndim() > spatial ? (int) image.shape()[0] : 1;
        LongIntHashMap rowOf = new LongIntHashMap(rows.length);
        for (int i = 0; i < rows.length; i++) {
            rowOf.getOrPut(rows[i], i);
        }
        long[] min = new long[rows.length * channels];
        long[] max = new long[rows.length * channels];
        java.util.Arrays.fill(min, unsigned ? -1L : Long.MAX_VALUE);
        java.util.Arrays.fill(max, unsigned ? 0L : Long.MIN_VALUE);
        ChunkGrid grid = mask.grid();
        long[] gridShape = grid.gridShape();
        long[] pos = new long[spatial];
        long[] origin = new long[spatial];
        int[] size = new int[spatial];
        for (long k = 0; k < grid.chunkCount(); k++) {
            long rest = k;
            for (int a = spatial - 1; a >= 0; a--) {
                pos[a] = rest % gridShape[a];
                rest /= gridShape[a];
                origin[a] = pos[a] * grid.chunkExtent(a);
                size[a] = grid.validExtent(pos, a);
            }
            long[] labels = readBox(mask, -1, origin, size);
            for (int c = 0; c < channels; c++) {
                long[] values = readBox(image, image.ndim() > spatial ? c : -1, origin, size);
                for (int i = 0; i < labels.length; i++) {
                    int r = rowOf.get(labels[i]);
                    if (r == LongIntHashMap.MISSING) {
                        continue;
                    }
                    int at = r * channels + c;
                    long v = values[i];
                    if (unsigned ? Long.compareUnsigned(v, min[at]) < 0 : v < min[at]) {
                        min[at] = v;
                    }
                    if (unsigned ? Long.compareUnsigned(v, max[at]) > 0 : v > max[at]) {
                        max[at] = v;
                    }
                }
            }
        }
        return new ExactExtremes(min, max);
    }

    /**
     * {@code table} with its min_ and max_ columns replaced by exact int64 columns (raw bits for a
     * uint64 image, which the writers print unsigned): the table itself for another image dtype
     * or without those columns.
     *
     * @param columns the table's wide columns (each min/max column names its chosen channel)
     */
    public static StatTable exact(StatTable table, List<WideColumn> columns, ChunkedArray mask, ChunkedArray image) {
        if (image == null || !needed(image.dtype()) || columns.stream().noneMatch(ExactExtremes::isExtreme)) {
            return table;
        }
        int channels = image.ndim() > mask.ndim() ? (int) image.shape()[0] : 1;
        long[] rows = ((LongColumn) table.columns().get(0)).values();
        ExactExtremes e = compute(mask, image, rows);
        List<Column> out = new ArrayList<>(table.columns());
        for (WideColumn c : columns) {
            if (isExtreme(c)) {
                long[] v = c.statistic() == Statistic.MIN ? e.min : e.max;
                long[] col = new long[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    col[r] = v[r * channels + c.channel()];
                }
                out.set(table.columnNames().indexOf(c.name()), new LongColumn(c.name(), col));
            }
        }
        return new StatTable(table.name(), out);
    }

    private static boolean isExtreme(WideColumn c) {
        return c.statistic() == Statistic.MIN || c.statistic() == Statistic.MAX;
    }

    /**
     * The values of the box {@code origin + [0, size)} of {@code a} in C order, as longs.
     *
     * @param channel the index on a leading channel axis, or -1 when {@code a} has none
     */
    static long[] readBox(ChunkedArray a, int channel, long[] origin, int[] size) {
        int lead = channel >= 0 ? 1 : 0;
        int d = origin.length;
        ChunkGrid g = a.grid();
        int total = 1;
        for (int s : size) {
            total *= s;
        }
        long[] out = new long[total];
        long[] first = new long[d];
        long[] last = new long[d];
        for (int j = 0; j < d; j++) {
            first[j] = origin[j] / g.chunkExtent(lead + j);
            last[j] = (origin[j] + size[j] - 1) / g.chunkExtent(lead + j);
        }
        Object buffer = a.dtype().allocate(g.chunkElements());
        long[] row = new long[g.chunkExtent(lead + d - 1)];
        long[] p = first.clone();
        long[] gp = new long[lead + d];
        while (true) {
            if (lead == 1) {
                gp[0] = channel / g.chunkExtent(0);
            }
            for (int j = 0; j < d; j++) {
                gp[lead + j] = p[j];
            }
            a.readChunk(gp.clone(), buffer);
            copyOverlap(g, lead, channel, gp, buffer, a.dtype(), origin, size, out, row);
            int j = d - 1;
            while (j >= 0 && p[j] == last[j]) {
                p[j] = first[j];
                j--;
            }
            if (j < 0) {
                return out;
            }
            p[j]++;
        }
    }

    /** Copies the part of chunk {@code gp} inside the box into {@code out}, row by row along the last axis. */
    private static void copyOverlap(ChunkGrid g, int lead, int channel, long[] gp, Object buffer, DType type,
            long[] origin, int[] size, long[] out, long[] row) {
        int d = origin.length;
        int n = lead + d;
        long[] lo = new long[d];
        long[] hi = new long[d];
        for (int j = 0; j < d; j++) {
            long c0 = gp[lead + j] * g.chunkExtent(lead + j);
            lo[j] = Math.max(origin[j], c0);
            hi[j] = Math.min(origin[j] + size[j], c0 + g.chunkExtent(lead + j));
        }
        long[] q = lo.clone();
        int len = (int) (hi[d - 1] - lo[d - 1]);
        while (true) {
            // Offset in the chunk buffer (C order over the full chunk shape) and in the box.
            long inChunk = lead == 1 ? channel - gp[0] * g.chunkExtent(0) : 0;
            long inBox = 0;
            for (int j = 0; j < d; j++) {
                inChunk = inChunk * g.chunkExtent(lead + j) + (q[j] - gp[lead + j] * g.chunkExtent(lead + j));
                inBox = inBox * size[j] + (q[j] - origin[j]);
            }
            RowReader.labels(buffer, type, (int) inChunk, row, len);
            System.arraycopy(row, 0, out, (int) inBox, len);
            int j = d - 2;
            while (j >= 0 && q[j] == hi[j] - 1) {
                q[j] = lo[j];
                j--;
            }
            if (j < 0) {
                return;
            }
            q[j]++;
        }
    }
}
