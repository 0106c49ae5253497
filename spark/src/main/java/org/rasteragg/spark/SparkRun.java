package org.rasteragg.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.FovMetadata;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.PreparedJob;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.Summary;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.ResultBatch;
import org.rasteragg.job.out.TableWriters;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * Runs a stats job on Spark ({@link SparkRasterAggregator}), one field of view after the other, into
 * the job's writers: the distributed table of each field of view comes to the driver one partition
 * at a time, in batches of columns, so every output (CSV, Parquet, AnnData) is the one the command
 * writes, byte for byte. Nothing is written unless every field of view succeeded. The Java API of the
 * Spark job: the same {@link StatsJob} as {@link org.rasteragg.job.LocalRun}'s.
 *
 * <pre>{@code
 * Summary s = SparkRun.run(job, spark, new SparkRun.Settings(0, 0, 1));
 * }</pre>
 */
public final class SparkRun {

    /** Rows per batch handed to the writers. */
    private static final int BATCH_ROWS = 1 << 16;

    /**
     * Engine settings of the Spark job.
     *
     * @param partitions map tasks (0: automatic)
     * @param labelBuckets reduce tasks (0: automatic)
     * @param threadsPerTask engine threads in each task
     */
    public record Settings(int partitions, int labelBuckets, int threadsPerTask) {
    }

    private SparkRun() {
    }

    /**
     * Runs {@code job} on its Zarr inputs in {@code spark}, quietly (CSV without outputs goes to
     * standard output).
     *
     * @throws org.rasteragg.job.JobException of the kind of the failure; a failing field of view is named
     */
    public static Summary run(StatsJob job, SparkSession spark, Settings settings) {
        return run(job, spark, settings, StoreOptions.DEFAULT);
    }

    /**
     * As {@link #run(StatsJob, SparkSession, Settings)}, with s3:// and http(s):// locations opened
     * with {@code options}, on the driver and by every executor itself.
     */
    public static Summary run(StatsJob job, SparkSession spark, Settings settings, StoreOptions options) {
        JobInputs inputs = new org.rasteragg.job.io.ZarrInputs(job.inputs().sdata(), options);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true);
        return run(PreparedJob.prepare(job, inputs), inputs, settings, spark, true, out, out);
    }

    /** Runs a prepared job in {@code spark}: CSV without outputs on {@code out}, progress on {@code err} unless quiet. */
    static Summary run(PreparedJob prepared, JobInputs inputs, Settings settings, SparkSession spark, boolean quiet,
            PrintWriter out, PrintWriter err) {
        StatsJob job = prepared.job();
        List<FovPair> pairs = prepared.pairs();
        OutputPlan plan = prepared.plan();
        long t0 = System.nanoTime();
        int rows = 0;
        long voxels = 0;
        try (TableWriters writers = TableWriters.open(job.outputs(), plan,
                job.outputs().table() == null ? null : inputs.tables(), out, inputs.storeOptions())) {
            for (int i = 0; i < pairs.size(); i++) {
                FovPair pair = pairs.get(i);
                if (!quiet && pairs.size() > 1) {
                    err.println("rasteragg: field of view " + (i + 1) + "/" + pairs.size() + ": " + pair.describe());
                    err.flush();
                }
                Raster mask = prepared.masks().get(i);
                boolean is3d = mask.array().ndim() == 3;
                try {
                    Dataset<Row> table = aggregator(prepared, i, settings, inputs.storeOptions()).aggregate(spark);
                    rows += stream(table, plan.computedColumns(), pair.fov(), is3d, mask.translation(), writers);
                } catch (RuntimeException e) {
                    throw PreparedJob.failure(pairs, pair, e);
                }
                long v = 1;
                for (long s : mask.array().shape()) {
                    v *= s;
                }
                voxels += v;
            }
            writers.commit();
        }
        return new Summary(rows, pairs.size(), plan.columnNames(), voxels, (System.nanoTime() - t0) / 1e9, 0,
                List.of(), spark.sparkContext().master());
    }

    private static SparkRasterAggregator aggregator(PreparedJob prepared, int i, Settings settings,
            StoreOptions options) {
        StatsJob job = prepared.job();
        FovPair pair = prepared.pairs().get(i);
        FovMetadata meta = prepared.metadata().get(i);
        ZarrSource mask = ZarrSource.resolve(pair.labelsPath(job.inputs().sdata()), job.level(), options);
        ArraySource image = null;
        if (pair.hasImage()) {
            ZarrSource source = ZarrSource.resolve(pair.imagePath(job.inputs().sdata()), job.level(), options);
            boolean hasChannelAxis = prepared.images().get(i).array().ndim() > prepared.masks().get(i).array().ndim();
            // Aggregate only the chosen channels, as the command does: the others are never decoded.
            image = hasChannelAxis ? new ChannelSubsetSource(source, meta.chosen()) : source;
        }
        return SparkRasterAggregator.builder().mask(mask).image(image).statistics(job.computedStatistics())
                .quantiles(job.quantiles())
                .index(job.index()).excludeBackground(job.excludeBackground()).channelNames(meta.chosenNames())
                .blockPartitions(settings.partitions()).labelBuckets(settings.labelBuckets())
                .threadsPerTask(settings.threadsPerTask()).taskMaxMemory(job.maxMemoryBytes()).build();
    }

    /** Brings a distributed table to the writers in column batches; returns its row count. */
    private static int stream(Dataset<Row> table, List<WideColumn> columns, String fov, boolean is3d,
            double[] translation, TableWriters writers) {
        Iterator<Row> it = table.toLocalIterator();
        List<Row> batch = new ArrayList<>(BATCH_ROWS);
        int rows = 0;
        boolean first = true;
        while (it.hasNext() || first) {
            first = false;
            batch.clear();
            while (it.hasNext() && batch.size() < BATCH_ROWS) {
                batch.add(it.next());
            }
            writers.write(new ResultBatch(fov, columns(columns, batch), is3d, translation));
            rows += batch.size();
        }
        return rows;
    }

    /** Rows of the wide table as core's columns, in the types of the plan. */
    static StatTable columns(List<WideColumn> columns, List<Row> rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            WideColumn w = columns.get(c);
            if (w.isLong()) {
                long[] v = new long[rows.size()];
                boolean unsigned = w.type() == DType.UINT64;
                for (int r = 0; r < v.length; r++) {
                    // uint64 (decimal(20, 0)): the low 64 bits of the integer are its raw bits
                    v[r] = unsigned ? rows.get(r).getDecimal(c).toBigIntegerExact().longValue() : rows.get(r).getLong(c);
                }
                out.add(new LongColumn(w.name(), v, w.type()));
            } else {
                double[] v = new double[rows.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = ((Number) rows.get(r).get(c)).doubleValue();
                }
                out.add(new DoubleColumn(w.name(), v, w.type()));
            }
        }
        return new StatTable("stats", out);
    }
}
