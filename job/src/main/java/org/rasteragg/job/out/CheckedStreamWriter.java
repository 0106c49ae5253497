package org.rasteragg.job.out;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * A UTF-8 writer onto a {@link PrintStream} (standard output), or a writer onto a PrintWriter, that
 * reports the write errors they swallow: after every write, the flush and the close it asks
 * {@code checkError} and throws an IOException (a closed pipe, as in {@code | head -c 10}, a full
 * disk, {@code >/dev/full}). Callers write in large pieces (the CSV writer buffers), so the check per write is
 * cheap. The stream itself is flushed, never closed. Not thread-safe.
 */
public final class CheckedStreamWriter extends Writer {

    private final Writer out;
    private final BooleanSupplier failed;
    /** The stream under {@link #out} when it is a PrintStream, else null. */
    private final PrintStream bytes;

    public CheckedStreamWriter(PrintStream stream) {
        this(new OutputStreamWriter(stream, StandardCharsets.UTF_8), stream::checkError, stream);
    }

    private CheckedStreamWriter(Writer out, BooleanSupplier failed, PrintStream bytes) {
        this.out = out;
        this.failed = failed;
        this.bytes = bytes;
    }

    /**
     * {@code w} with its write errors reported: a PrintWriter (which swallows them, as the Spark
     * job's standard output does) checked after every write; any other writer as it is.
     */
    public static Writer checked(Writer w) {
        return w instanceof PrintWriter p ? new CheckedStreamWriter(p, p::checkError, null) : w;
    }

    /**
     * The same stream for text that is UTF-8 bytes already (the CSV encoder's rows), written
     * straight through without a decoding to characters and an encoding back, and checked the same
     * way after every write and the flush; null when this writer is around a PrintWriter. Every
     * write through this writer has been flushed, so text and bytes keep their order.
     */
    OutputStream bytes() {
        return bytes == null ? null : new CheckedBytes();
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        out.write(cbuf, off, len);
        check();
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        out.write(str, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        check();
    }

    /** Flushes; standard output stays open for the summary. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void check() throws IOException {
        // checkError flushes the stream first, so what was written is known to have gone out.
        out.flush();
        if (failed.getAsBoolean()) {
            throw new IOException("write error on standard output (closed pipe or disk full)");
        }
    }

    /** {@link #bytes()}: the PrintStream's byte writes, each checked; closing only flushes. */
    private final class CheckedBytes extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            bytes.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytes.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public void close() throws IOException {
            check();
        }
    }
}
