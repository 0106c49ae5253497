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
import org.junit.jupiter.api.Test;

/** The streams that swallow write errors (PrintStream, PrintWriter: standard output) report them. */
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
