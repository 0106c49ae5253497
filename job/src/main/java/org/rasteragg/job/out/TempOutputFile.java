package org.rasteragg.job.out;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An {@link Output}'s temporary file as parquet-mr's {@link OutputFile}, opened through
 * {@link Output#openTemp} (never created here: parquet-mr's LocalOutputFile would create the file
 * again after an interrupt's cleanup had removed it, and leave it behind). Not thread-safe.
 */
final class TempOutputFile implements OutputFile {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Output output;

    TempOutputFile(Output output) {
        this.output = output;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        OutputStream out = new BufferedOutputStream(output.openTemp(), BUFFER_BYTES);
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return output.temp().toString();
    }
}
