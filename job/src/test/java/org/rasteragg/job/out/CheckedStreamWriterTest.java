package org.rasteragg.job.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.plan.OutputPlan;

/**
 * The streams that swallow write errors (PrintStream, PrintWriter: standard output) report them,
 * for text and for the CSV encoder's bytes written straight through.
 */
class CheckedStreamWriterTest {

    /** A pipe whose reader left after {@code limit} bytes. */
    private static OutputStream closingAfter(int limit, ByteArrayOutputStream got) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (got.size() >= limit) {
                    throw new IOException("Broken pipe");
                }
                got.write(b);
            }
        };
    }

    @Test
    void aFailingPrintStreamOrPrintWriterIsAnIOException() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Writer w = new CheckedStreamWriter(new PrintStream(closingAfter(10, got), false, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> w.write("x".repeat(100))).isInstanceOf(IOException.class)
                .hasMessage("write error on standard output (closed pipe or disk full)");
        Writer p = CheckedStreamWriter.checked(new PrintWriter(closingAfter(10, new ByteArrayOutputStream())));
        assertThatThrownBy(() -> {
            p.write("y".repeat(100));
            p.flush();
        }).isInstanceOf(IOException.class);
    }

    @Test
    void bytesGoStraightThroughCheckedAndInOrderWithTheText() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CheckedStreamWriter w = new CheckedStreamWriter(new PrintStream(got, false, StandardCharsets.UTF_8));
        OutputStream bytes = w.bytes();
        w.write("a,\u00b5\n");
        bytes.write("1,\u00e9\n".getBytes(StandardCharsets.UTF_8));
        w.write("b\n");
        bytes.flush();
        assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("a,\u00b5\n1,\u00e9\nb\n");

        OutputStream failing = new CheckedStreamWriter(new PrintStream(closingAfter(10, new ByteArrayOutputStream()), false,
                StandardCharsets.UTF_8)).bytes();
        assertThatThrownBy(() -> failing.write(new byte[100], 0, 100)).isInstanceOf(IOException.class)
                .hasMessage("write error on standard output (closed pipe or disk full)");
        // a writer around a PrintWriter has no byte stream: its text is encoded by that writer
        assertThat(((CheckedStreamWriter) CheckedStreamWriter.checked(new PrintWriter(new StringWriter()))).bytes()).isNull();
    }

    @Test
    void theCsvOnStandardOutputIsTheCsvOfAnyWriter() throws IOException {
        StatsJob job = new StatsJob(new StatsJob.Inputs("labels", "image", null, null, null, null), 0, null,
                Statistic.all(), null, false, new StatsJob.Outputs(null, null, null, Statistic.MEAN, false), 0);
        OutputPlan plan = OutputPlan.of(job, List.of("\u00b5m", "CD3,x"), DType.UINT16, 1);
        List<Column> columns = new ArrayList<>();
        for (WideColumn c : plan.columns()) {
            columns.add(c.isLong() ? new LongColumn(c.name(), new long[] {1, 20}, DType.INT64)
                    : new DoubleColumn(c.name(), new double[] {0.1, Double.NaN}, c.type()));
        }
        List<ResultBatch> batches = List.of(new ResultBatch("cells", new StatTable("cells", columns), false, null));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CsvTableWriter w = CsvTableWriter.toStream(new CheckedStreamWriter(new PrintStream(got, false, StandardCharsets.UTF_8)), plan);
        batches.forEach(w::write);
        w.commit();
        assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo(CsvTableWriter.toString(plan, batches))
                .startsWith("cell_ID,shapeSize,sum_\u00b5m,\"sum_CD3,x\"");
    }

    @Test
    void aWorkingStreamGetsEveryCharacterAndOtherWritersStayAsTheyAre() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (Writer w = new CheckedStreamWriter(new PrintStream(got, false, StandardCharsets.UTF_8))) {
            w.write("cell_ID,\u00b5\n");
        }
        assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("cell_ID,\u00b5\n");
        StringWriter s = new StringWriter();
        assertThat(CheckedStreamWriter.checked(s)).isSameAs(s);
    }
}
