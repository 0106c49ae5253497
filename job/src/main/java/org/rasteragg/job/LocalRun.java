package org.rasteragg.job;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.rasteragg.core.GpuMode;
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
import org.rasteragg.zarr.prefetch.BlockOrderPrefetch;

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
        return run(job, inputs, threads, GpuMode.AUTO, null, progress, stdout);
    }

    /**
     * Runs {@code job} on the GPU or the CPU as {@code gpu} says (harpy's {@code run_on_gpu}).
     *
     * @param gpuNotice receives the one line that says why AUTO runs on the CPU (once per run), or null
     * @throws JobException of the kind of the failure; with {@link GpuMode#ON} a data error saying why
     *     no GPU can run the job
     */
    public static Outcome run(StatsJob job, JobInputs inputs, int threads, GpuMode gpu, Consumer<String> gpuNotice,
            Progress progress, Writer stdout) {
        Consumer<String> notice = once(gpuNotice);
        PreparedJob prepared = PreparedJob.prepare(job, inputs);
        List<FovPair> pairs = prepared.pairs();
        StatsJob.Outputs outputs = job.outputs();
        OutputPlan plan = prepared.plan();
        long t0 = System.nanoTime();
        long voxels = 0;
        int rows = 0;
        List<String> warnings = new ArrayList<>();
        try (TableWriters writers = TableWriters.open(outputs, plan, outputs.table() == null ? null : inputs.tables(),
                stdout, inputs.storeOptions())) {
            for (int i = 0; i < pairs.size(); i++) {
                progress.pairStarted(i, pairs.size(), pairs.get(i));
                Raster mask = prepared.masks().get(i);
                FovMetadata meta = prepared.metadata().get(i);
                StatTable table;
                try {
                    AggregationResult result = aggregate(job, mask, prepared.images().get(i), meta, threads, gpu,
                            notice, progress);
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

    /** The image's chosen channels (aggregate only those: the others are never decoded), or null without image. */
    private static ChunkedArray chosenChannels(Raster mask, Raster image, FovMetadata meta) {
        if (image == null) {
            return null;
        }
        boolean hasChannelAxis = image.array().ndim() > mask.array().ndim();
        return hasChannelAxis ? ChunkedArrays.selectChannels(image.array(), meta.chosen()) : image.array();
    }

    /** The notice of why a run is on the CPU, said once although every field of view chooses again. */
    private static Consumer<String> once(Consumer<String> notice) {
        if (notice == null) {
            return line -> { };
        }
        AtomicBoolean said = new AtomicBoolean();
        return line -> {
            if (!said.getAndSet(true)) {
                notice.accept(line);
            }
        };
    }

    private static AggregationResult aggregate(StatsJob job, Raster mask, Raster image, FovMetadata meta,
            int threads, GpuMode gpu, Consumer<String> notice, ProgressListener progress) {
        ChunkedArray imageArray = chosenChannels(mask, image, meta);
        RasterAggregator plain = aggregator(mask.array(), imageArray, job.maxMemoryBytes(), threads, gpu, notice, progress);
        if (!job.inputs().remote()) {
            return plain.aggregateAll(job.computedStatistics(), job.quantiles(), job.rowIndex());
        }
        // Remote chunks are read ahead in the engine's block order (of the arrays as the engine sees
        // them), many requests in flight, within --max-memory: the prefetch's budget is taken from the
        // engine's share.
        boolean readsImage = imageArray != null
                && job.computedStatistics().stream().anyMatch(org.rasteragg.core.Statistic::needsImage);
        long budget = BlockOrderPrefetch.budgetWithin(job.maxMemoryBytes());
        try (BlockOrderPrefetch p = BlockOrderPrefetch.start(plain.mask(), readsImage ? plain.image() : null, budget,
                BlockOrderPrefetch.DEFAULT_REQUESTS)) {
            long engineMemory = job.maxMemoryBytes() == 0 ? 0 : Math.max(1, job.maxMemoryBytes() - p.budgetBytes());
            return aggregator(p.mask(), readsImage ? p.image() : plain.image(), engineMemory, threads, gpu, notice, progress)
                    .aggregateAll(job.computedStatistics(), job.quantiles(), job.rowIndex());
        }
    }

    private static RasterAggregator aggregator(ChunkedArray mask, ChunkedArray image, long maxMemory, int threads,
            GpuMode gpu, Consumer<String> notice, ProgressListener progress) {
        RasterAggregator.Builder b = RasterAggregator.builder().mask(mask).image(image).maxMemoryBytes(maxMemory)
                .progress(progress).gpu(gpu).gpuNotice(notice);
        if (threads > 0) {
            b.threads(threads);
        }
        return b.build();
    }
}
