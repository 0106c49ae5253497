package org.rasteragg.job.out;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.Rows;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.anndata.Column;
import org.rasteragg.zarr.anndata.Matrix;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;

/**
 * The wide table as harpy's AnnData table in the SpatialData store (SEMANTICS.md, "The AnnData
 * table"): X the mean (or sum) per channel, obs cell_ID, fov_labels, shapeSize and the other reported
 * statistics (per channel, and the bounding box and axes; a bounding box as float64, exact),
 * obsm spatial the center of mass; one table for every field of view of the
 * job. The rows are gathered and written on {@link #commit}, so nothing reaches the store unless
 * every field of view succeeded.
 */
public final class AnnDataTableWriter implements TableWriter {

    private final TableSink sink;
    private final String name;
    private final boolean overwrite;
    private final OutputPlan plan;
    /** Batches per field of view, in the order the fields of view first came. */
    private final Map<String, List<ResultBatch>> fovs = new LinkedHashMap<>();

    public AnnDataTableWriter(TableSink sink, String name, OutputPlan plan, boolean overwrite) {
        this.sink = sink;
        this.name = name;
        this.plan = plan;
        this.overwrite = overwrite;
    }

    @Override
    public void write(ResultBatch batch) {
        fovs.computeIfAbsent(batch.fov(), k -> new ArrayList<>()).add(batch);
    }

    @Override
    public void commit() {
        List<SpatialDataTableWriter.Input> inputs = new ArrayList<>();
        fovs.forEach((fov, batches) -> inputs.add(input(fov, batches)));
        sink.write(name, inputs, overwrite);
    }

    /**
     * One field of view's rows without the background (the table annotates cells, as harpy's), column
     * by column: the batch's own arrays from row 1 on when it came in one batch whose only background
     * row is the first (sorted labels), else copies.
     */
    private SpatialDataTableWriter.Input input(String fov, List<ResultBatch> batches) {
        List<String> channels = plan.imageType() == null ? List.of() : plan.channelNames();
        int first = batches.size() == 1 ? leadingBackground(batches.get(0).table()) : -1;
        List<StatTable> tables = batches.stream().map(b -> first >= 0 ? b.table() : Rows.withoutBackground(b.table()))
                .toList();
        int skip = Math.max(0, first);
        double[][] center = new double[3][];
        String[] axes = {"z", "y", "x"};
        for (int a = 0; a < 3; a++) {
            String axis = axes[a];
            center[a] = joined(tables, t -> doubles(t, axis));
        }
        double[][] x = new double[channels.size()][];
        for (int c = 0; c < x.length; c++) {
            String column = plan.tableX().key() + "_" + channels.get(c);
            x[c] = joined(tables, t -> doubles(t, column));
        }
        Map<String, Column> extra = new LinkedHashMap<>();
        for (WideColumn c : plan.columns().stream().filter(this::isExtraObs).toList()) {
            extra.put(c.name(), tables.size() == 1 ? obsColumn(c, tables.get(0))
                    : Column.concat(tables.stream().map(t -> obsColumn(c, t)).toList()));
        }
        long[] labels = joined(tables, t -> longs(t, OutputPlan.INSTANCE_KEY));
        long[] size = joined(tables, t -> longs(t, OutputPlan.INSTANCE_SIZE_KEY));
        int rows = labels.length - skip;
        return new SpatialDataTableWriter.Input(labels, fov, channels, new Matrix(rows, x, null, skip), extra, size,
                new Matrix(rows, center, null, skip), batches.get(0).is3d(), batches.get(0).translation(), skip);
    }

    /** 1 when the only background row of {@code t} is its first, 0 when it has none, else -1. */
    private static int leadingBackground(StatTable t) {
        long[] labels = longs(t, OutputPlan.INSTANCE_KEY);
        for (int r = 1; r < labels.length; r++) {
            if (labels[r] == 0) {
                return -1;
            }
        }
        return labels.length > 0 && labels[0] == 0 ? 1 : 0;
    }

    /** One column of every batch, one after the other: the batch's own array when there is one batch. */
    private static <T> T joined(List<StatTable> tables, Function<StatTable, T> column) {
        T first = column.apply(tables.get(0));
        if (tables.size() == 1) {
            return first;
        }
        int n = tables.stream().mapToInt(StatTable::rowCount).sum();
        @SuppressWarnings("unchecked")
        T out = (T) Array.newInstance(first.getClass().getComponentType(), n);
        int at = 0;
        for (StatTable t : tables) {
            System.arraycopy(column.apply(t), 0, out, at, t.rowCount());
            at += t.rowCount();
        }
        return out;
    }

    /**
     * Whether a planned column is an obs column of its own: every reported statistic except X's and
     * those the table holds elsewhere (cell_ID, shapeSize, the center in obsm).
     */
    private boolean isExtraObs(WideColumn c) {
        if (c.isChannelStatistic()) {
            return c.statistic() != plan.tableX();
        }
        return c.statistic() == Statistic.BBOX || c.statistic() == Statistic.AXES;
    }

    /**
     * A statistic as an obs column: float64 (a bounding box too, exact), but the exact min and max
     * of an int64 or uint64 image in that dtype (anndata reads them back so).
     */
    private static Column obsColumn(WideColumn planned, StatTable t) {
        boolean extreme = planned.statistic() == Statistic.MIN || planned.statistic() == Statistic.MAX;
        if (extreme && t.column(planned.name()) instanceof LongColumn l) {
            return l.unsigned() ? new Column.UInt64(l.values()) : new Column.Int64(l.values());
        }
        return new Column.Float64(t.column(planned.name()) instanceof DoubleColumn d ? d.values()
                : t.doubles(planned.name()));
    }

    private static long[] longs(StatTable t, String column) {
        return ((LongColumn) t.column(column)).values();
    }

    private static double[] doubles(StatTable t, String column) {
        return ((DoubleColumn) t.column(column)).values();
    }

    @Override
    public void close() {
        fovs.clear();
    }

}
