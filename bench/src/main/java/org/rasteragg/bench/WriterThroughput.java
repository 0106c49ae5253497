package org.rasteragg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.out.CsvTableWriter;
import org.rasteragg.job.out.ParquetTableWriter;
import org.rasteragg.job.out.ResultBatch;
import org.rasteragg.job.out.TableWriter;
import org.rasteragg.job.plan.OutputPlan;

/**
 * The job's CSV and Parquet writers on a real result (every default statistic): megabytes of
 * output per second, each the median of repeats timed in turn. Not thread-safe.
 */
final class WriterThroughput {

    static final String CSV = "csv-writer";
    static final String PARQUET = "parquet-writer";
    /** The Parquet writer's time again, with the bytes of its pages before Zstandard compression. */
    static final String PARQUET_PAGES = "parquet-pages";

    private WriterThroughput() {
    }

    /**
     * @param result what the engine computed (its wide table is written)
     * @param channels the image's channel names
     * @param scratch where the files are written (and replaced)
     */
    static List<Measurement> measure(String dataset, AggregationResult result, List<String> channels, DType imageType,
            Path scratch, BenchRunner runner, int threads) {
        StatsJob job = new StatsJob(new StatsJob.Inputs("labels", "image", null, null, null, null),
                0, null, Statistic.all(), null, false,
                new StatsJob.Outputs(scratch.resolve("w.csv").toString(), scratch.resolve("w.parquet").toString(), null, Statistic.MEAN,
                        false), 0);
        OutputPlan plan = OutputPlan.of(job, channels, imageType, 1);
        StatTable table = result.wideTable(channels);
        ResultBatch batch = new ResultBatch("cells", table, false, null);
        Path csv = scratch.resolve("writer.csv");
        Path parquet = scratch.resolve("writer.parquet");
        long[] pageBytes = new long[1];
        List<Runnable> tasks = List.of(() -> write(CsvTableWriter.toFile(csv, plan), batch), () -> {
            ParquetTableWriter w = ParquetTableWriter.toFile(parquet, plan);
            write(w, batch);
            pageBytes[0] = w.uncompressedBytes();
        });
        List<Timer.Result> times = runner.timeInTurn(tasks);
        List<Measurement> rows = new ArrayList<>();
        BiFunction<String, Integer, Measurement> row = (method, i) -> {
            long bytes = size(i == 0 ? csv : parquet);
            Timer.Result t = times.get(i);
            return new Measurement(dataset, method, "file", threads, t.medianSeconds(), 0, table.rowCount(), bytes,
                    t.peakHeapBytes(), t.peakLiveBytes(), Double.NaN, Double.NaN);
        };
        rows.add(row.apply(CSV, 0));
        rows.add(row.apply(PARQUET, 1));
        Measurement p = rows.get(1);
        rows.add(new Measurement(dataset, PARQUET_PAGES, "file", threads, p.seconds(), 0, p.labels(), pageBytes[0],
                p.peakHeapBytes(), p.peakLiveBytes(), Double.NaN, Double.NaN));
        return rows;
    }

    private static void write(TableWriter w, ResultBatch batch) {
        try (w) {
            w.write(batch);
            w.commit();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
