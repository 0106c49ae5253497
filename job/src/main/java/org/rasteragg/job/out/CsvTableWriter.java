package org.rasteragg.job.out;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.CsvEncoder;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.core.table.WriterOutputStream;
import org.rasteragg.job.JobException;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * The wide table as CSV (RFC 4180): a header line, then one line per row; integers as integers
 * (min and max of integer images too), float64 in Java's shortest round-trip form, NaN as an empty
 * field; names and labels with a comma, quote or line break quoted. The one CSV writer of every
 * front end.
 */
public final class CsvTableWriter implements TableWriter {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    /**
     * Where the text goes: a file's or standard output's byte stream (unbuffered: the encoder writes
     * chunks of rows), or a writer.
     */
    private final OutputStream bytes;
    private final Output file;
    private final OutputPlan plan;
    private final String what;
    private boolean headerWritten;

    private CsvTableWriter(OutputStream bytes, Output file, OutputPlan plan, String what) {
        this.bytes = bytes;
        this.file = file;
        this.plan = plan;
        this.what = what;
    }

    /** A CSV file, written aside and moved onto {@code target} on commit. */
    public static CsvTableWriter toFile(Path target, OutputPlan plan) {
        return toFile(target.toString(), plan, StoreOptions.DEFAULT);
    }

    /** As {@link #toFile(Path, OutputPlan)} for a path or an s3:// URI (uploaded on commit). */
    public static CsvTableWriter toFile(String target, OutputPlan plan, StoreOptions options) {
        Output f = Output.create(target, "CSV", options);
        try {
            OutputStream stream = f.openTemp();
            return new CsvTableWriter(stream, f, plan, "CSV " + target);
        } catch (IOException e) {
            f.close();
            throw JobException.data("cannot write CSV " + target + ": " + JobException.oneLine(e), e);
        }
    }

    /**
     * CSV on standard output (or any writer), which is flushed but not closed. Standard output as a
     * {@link CheckedStreamWriter} takes the encoder's UTF-8 bytes as they are; any other writer gets
     * them decoded to characters.
     */
    public static CsvTableWriter toStream(Writer stream, OutputPlan plan) {
        OutputStream bytes = stream instanceof CheckedStreamWriter c ? c.bytes() : null;
        return new CsvTableWriter(bytes != null ? bytes : new WriterOutputStream(stream), null, plan,
                "CSV to standard output");
    }

    /** The whole table as CSV text (for tests and small tables). */
    public static String toString(OutputPlan plan, List<ResultBatch> batches) {
        java.io.StringWriter s = new java.io.StringWriter();
        CsvTableWriter w = new CsvTableWriter(new WriterOutputStream(s), null, plan, "CSV");
        batches.forEach(w::write);
        w.commit();
        return s.toString();
    }

    @Override
    public void write(ResultBatch batch) {
        try {
            writeHeader();
            StatTable t = batch.table();
            List<Column> cols = new ArrayList<>();
            for (WideColumn c : plan.columns()) {
                cols.add(t.column(c.name()));
            }
            // Rows are encoded as bytes on every core (no String per value) and written in order.
            new CsvEncoder(cols, plan.multiFov() ? batch.fov() : null).writeRows(bytes, THREADS);
        } catch (IOException | UncheckedIOException e) {
            throw JobException.data("cannot write " + what + ": " + JobException.oneLine(e), e);
        }
    }

    private void writeHeader() throws IOException {
        if (!headerWritten) {
            List<String> names = new ArrayList<>();
            for (String n : plan.columnNames()) {
                names.add(quote(n));
            }
            bytes.write((String.join(",", names) + "\n").getBytes(StandardCharsets.UTF_8));
            headerWritten = true;
        }
    }

    @Override
    public void commit() {
        try {
            writeHeader();
            if (file != null) {
                bytes.close();
                file.commit();
            } else {
                bytes.flush();
            }
        } catch (IOException e) {
            throw JobException.data("cannot write " + what + ": " + JobException.oneLine(e), e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                bytes.close();
            } catch (IOException e) {
                // the temporary file is removed next; nothing of it is kept
            }
            file.close();
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String quote(String s) {
        boolean plain = s.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
