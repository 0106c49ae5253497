package org.rasteragg.job.out;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.plan.OutputPlan;

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
        List<TableWriter> w = new ArrayList<>();
        try {
            if (outputs.table() != null) {
                w.add(new AnnDataTableWriter(tables, outputs.table(), plan, outputs.overwrite()));
            }
            if (outputs.csv() != null) {
                w.add(CsvTableWriter.toFile(outputs.csv(), plan));
            }
            if (outputs.parquet() != null) {
                w.add(ParquetTableWriter.toFile(outputs.parquet(), plan));
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

    /** Checks, before the long computation, that the named files can be written (nothing is created). */
    public static void checkWritable(StatsJob.Outputs outputs) {
        if (outputs.csv() != null) {
            AtomicOutput.checkWritable(outputs.csv(), "CSV");
        }
        if (outputs.parquet() != null) {
            AtomicOutput.checkWritable(outputs.parquet(), "Parquet file");
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
