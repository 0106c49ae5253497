package org.rasteragg.job.out;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.Rows;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.anndata.Column;
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
        // The table annotates cells: the background is never a row (as in harpy).
        ResultBatch cells = new ResultBatch(batch.fov(), Rows.withoutBackground(batch.table()), batch.is3d(),
                batch.translation());
        fovs.computeIfAbsent(batch.fov(), k -> new ArrayList<>()).add(cells);
    }

    @Override
    public void commit() {
        List<SpatialDataTableWriter.Input> inputs = new ArrayList<>();
        fovs.forEach((fov, batches) -> inputs.add(input(fov, batches)));
        sink.write(name, inputs, overwrite);
    }

    private SpatialDataTableWriter.Input input(String fov, List<ResultBatch> batches) {
        int n = batches.stream().mapToInt(b -> b.table().rowCount()).sum();
        List<String> channels = plan.imageType() == null ? List.of() : plan.channelNames();
        long[] labels = new long[n];
        long[] size = new long[n];
        double[][] center = new double[n][3];
        double[][] x = new double[n][channels.size()];
        List<WideColumn> extras = plan.columns().stream().filter(this::isExtraObs).toList();
        Map<String, List<Column>> extraParts = new LinkedHashMap<>();
        extras.forEach(c -> extraParts.put(c.name(), new ArrayList<>()));
        int at = 0;
        for (ResultBatch b : batches) {
            StatTable t = b.table();
            int rows = t.rowCount();
            System.arraycopy(longs(t, OutputPlan.INSTANCE_KEY), 0, labels, at, rows);
            System.arraycopy(longs(t, OutputPlan.INSTANCE_SIZE_KEY), 0, size, at, rows);
            String[] axes = {"z", "y", "x"};
            for (int a = 0; a < 3; a++) {
                double[] v = doubles(t, axes[a]);
                for (int r = 0; r < rows; r++) {
                    center[at + r][a] = v[r];
                }
            }
            for (int c = 0; c < channels.size(); c++) {
                double[] v = doubles(t, plan.tableX().key() + "_" + channels.get(c));
                for (int r = 0; r < rows; r++) {
                    x[at + r][c] = v[r];
                }
            }
            for (WideColumn c : extras) {
                extraParts.get(c.name()).add(obsColumn(c, t));
            }
            at += rows;
        }
        Map<String, Column> extra = new LinkedHashMap<>();
        extraParts.forEach((name, parts) -> extra.put(name, Column.concat(parts)));
        ResultBatch first = batches.get(0);
        return new SpatialDataTableWriter.Input(labels, fov, channels, x, extra, size, center, first.is3d(),
                first.translation());
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
