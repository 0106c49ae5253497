package org.rasteragg.job;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;
import org.rasteragg.core.engine.ProgressListener;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.ResultBatch;
import org.rasteragg.job.out.TableWriters;
import org.rasteragg.job.plan.OutputPlan;

/**
 * Runs a stats job on this machine's threads (the core engine), one field of view after the other,
 * into every output of the job. Outputs are written only when every field of view succeeded. The
 * Java API's entry point:
 *
 * <pre>{@code
 * StatsJob job = new StatsJob(new StatsJob.Inputs(null, null, sdata, "label_fov*", "image_fov*", null), 0, null,
 *         null, null, true, new StatsJob.Outputs(null, parquet, "stats", Statistic.MEAN, false), 0);
 * LocalRun.Outcome o = LocalRun.run(job, new ZarrInputs(sdata), 0, LocalRun.Progress.NONE, new PrintWriter(System.out));
 * }</pre>
 */
public final class LocalRun {

    private LocalRun() {
    }

    /** Progress of a run: the engine's blocks, and which field of view is being aggregated. */
    public interface Progress extends ProgressListener {

        Progress NONE = (done, total, bytes) -> { };

        /** Field of view {@code index} (0-based) of {@code total} starts. */
        default void pairStarted(int index, int total, FovPair pair) {
        }
    }

    /**
     * What a run produced.
     *
     * @param rows rows written
     * @param columns the written column names
     * @param voxels voxels of every mask
     * @param seconds wall time of the aggregation
     * @param warnings the engine's warnings (skew/kurtosis set to 0), per field of view
     * @param pairs fields of view aggregated
     */
    public record Outcome(int rows, List<String> columns, long voxels, double seconds, List<String> warnings,
            int pairs) {
    }

    /**
     * Runs {@code job}.
     *
     * @param threads engine threads, 0 for the available processors
     * @param stdout where CSV goes when the job names no output
     * @throws JobException of the kind of the failure; a failing field of view is named
     */
    public static Outcome run(StatsJob job, JobInputs inputs, int threads, Progress progress, Writer stdout) {
        PreparedJob prepared = PreparedJob.prepare(job, inputs);
        List<FovPair> pairs = prepared.pairs();
        StatsJob.Outputs outputs = job.outputs();
        OutputPlan plan = prepared.plan();
        long t0 = System.nanoTime();
        long voxels = 0;
        int rows = 0;
        List<String> warnings = new ArrayList<>();
        try (TableWriters writers = TableWriters.open(outputs, plan, outputs.table() == null ? null : inputs.tables(),
                stdout)) {
            for (int i = 0; i < pairs.size(); i++) {
                progress.pairStarted(i, pairs.size(), pairs.get(i));
                Raster mask = prepared.masks().get(i);
                FovMetadata meta = prepared.metadata().get(i);
                StatTable table;
                try {
                    AggregationResult result = aggregate(job, mask, prepared.images().get(i), meta, threads, progress);
                    table = result.wideTable(meta.chosenNames());
                    warnings.addAll(result.warnings());
                } catch (InvalidInputException e) {
                    throw PreparedJob.failure(pairs, pairs.get(i),
                            JobException.data(prepared.describeInputs(i) + ": " + JobException.oneLine(e), e));
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw PreparedJob.failure(pairs, pairs.get(i), e);
                }
                if (job.excludeBackground() && job.index() == null) {
                    table = Rows.withoutBackground(table);
                }
                writers.write(new ResultBatch(pairs.get(i).fov(), table, mask.array().ndim() == 3,
                        mask.translation()));
                rows += table.rowCount();
                long v = 1;
                for (long s : mask.array().shape()) {
                    v *= s;
                }
                voxels += v;
            }
            writers.commit();
        }
        return new Outcome(rows, plan.columnNames(), voxels, (System.nanoTime() - t0) / 1e9, warnings, pairs.size());
    }

    private static AggregationResult aggregate(StatsJob job, Raster mask, Raster image, FovMetadata meta,
            int threads, ProgressListener progress) {
        ChunkedArray imageArray = null;
        if (image != null) {
            // Aggregate only the chosen channels: the others are never decoded.
            boolean hasChannelAxis = image.array().ndim() > mask.array().ndim();
            imageArray = hasChannelAxis ? ChunkedArrays.selectChannels(image.array(), meta.chosen()) : image.array();
        }
        RasterAggregator.Builder b = RasterAggregator.builder().mask(mask.array()).image(imageArray)
                .maxMemoryBytes(job.maxMemoryBytes()).progress(progress);
        if (threads > 0) {
            b.threads(threads);
        }
        return b.build().aggregateAll(job.computedStatistics(), job.quantiles(), job.rowIndex());
    }
}
