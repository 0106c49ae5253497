package org.rasteragg.core.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A writer as {@link CsvEncoder}'s byte stream: each write the encoder makes holds whole rows of
 * UTF-8, so decoding it on its own never splits a character. Flushing flushes the writer; closing
 * does not close it. Not thread-safe.
 */
public final class WriterOutputStream extends OutputStream {

    private final Writer writer;

    public WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    /** One byte on its own is a whole character only in ASCII; any other would be decoded wrongly. */
    @Override
    public void write(int b) throws IOException {
        if ((b & 0xFF) >= 0x80) {
            throw new IOException("a single non-ASCII byte (0x" + Integer.toHexString(b & 0xFF)
                    + ") is not a whole UTF-8 character");
        }
        writer.write(b & 0xFF);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }
}
