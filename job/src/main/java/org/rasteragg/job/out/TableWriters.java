package org.rasteragg.job.out;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * Every output of a job as one writer: CSV, Parquet and the AnnData table, or CSV on standard
 * output when none is named. {@link #commit} writes the AnnData table first and then moves the files
 * in place, so a failure leaves none of them behind.
 */
public final class TableWriters implements TableWriter {

    private final List<TableWriter> writers;

    private TableWriters(List<TableWriter> writers) {
        this.writers = writers;
    }

    /**
     * Opens the outputs of {@code job} (files are created aside; nothing is visible yet).
     *
     * @param tables where the AnnData table goes (used only with --table)
     * @param stdout where CSV goes when no output is named
     */
    public static TableWriters open(StatsJob.Outputs outputs, OutputPlan plan, TableSink tables, Writer stdout) {
        return open(outputs, plan, tables, stdout, StoreOptions.DEFAULT);
    }

    /** As {@link #open(StatsJob.Outputs, OutputPlan, TableSink, Writer)}; s3:// files opened with {@code options}. */
    public static TableWriters open(StatsJob.Outputs outputs, OutputPlan plan, TableSink tables, Writer stdout,
            StoreOptions options) {
        List<TableWriter> w = new ArrayList<>();
        try {
            if (outputs.table() != null) {
                w.add(new AnnDataTableWriter(tables, outputs.table(), plan, outputs.overwrite()));
            }
            if (outputs.csvFile() != null) {
                w.add(CsvTableWriter.toFile(outputs.csvFile(), plan, options));
            }
            if (outputs.parquet() != null) {
                w.add(ParquetTableWriter.toFile(outputs.parquet(), plan, options));
            }
            if (outputs.toStdout()) {
                w.add(CsvTableWriter.toStream(CheckedStreamWriter.checked(stdout), plan));
            }
        } catch (RuntimeException e) {
            w.forEach(TableWriter::close);
            throw e;
        }
        return new TableWriters(w);
    }

    /** Heap of the CSV writer per thread: the encoder keeps two chunks of about 1 MiB each in flight. */
    private static final long CSV_BYTES_PER_THREAD = 4L << 20;
    /** Heap of the Parquet writer: a row group (parquet-mr buffers up to 128 MiB) and its pages. */
    private static final long PARQUET_BYTES = org.apache.parquet.hadoop.ParquetWriter.DEFAULT_BLOCK_SIZE + (32L << 20);
    /** Heap of the AnnData writer: a chunk of X and obs names, and its compressed form. */
    private static final long TABLE_BYTES = 32L << 20;

    /**
     * The heap the writers of {@code outputs} need beside the result (whose columns they read in
     * place, without a copy): what --max-memory keeps for them.
     */
    public static long bufferBytes(StatsJob.Outputs outputs, int threads) {
        long bytes = outputs.csvFile() != null || outputs.toStdout() ? CSV_BYTES_PER_THREAD * Math.max(1, threads) : 0;
        bytes += outputs.parquet() != null ? PARQUET_BYTES : 0;
        return bytes + (outputs.table() != null ? TABLE_BYTES : 0);
    }

    /** Checks, before the long computation, that the named files can be written (nothing is created). */
    public static void checkWritable(StatsJob.Outputs outputs) {
        checkWritable(outputs, StoreOptions.DEFAULT);
    }

    /** As {@link #checkWritable(StatsJob.Outputs)}, s3:// files reached with {@code options}. */
    public static void checkWritable(StatsJob.Outputs outputs, StoreOptions options) {
        if (outputs.csvFile() != null) {
            Output.checkWritable(outputs.csvFile(), "CSV", options);
        }
        if (outputs.parquet() != null) {
            Output.checkWritable(outputs.parquet(), "Parquet file", options);
        }
    }

    @Override
    public void write(ResultBatch batch) {
        for (TableWriter w : writers) {
            w.write(batch);
        }
    }

    @Override
    public void commit() {
        for (TableWriter w : writers) {
            w.commit();
        }
    }

    @Override
    public void close() {
        for (TableWriter w : writers) {
            w.close();
        }
    }
}
