package org.rasteragg.zarr.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * Bounded zlib/gzip inflation and deflation over {@link java.util.zip}: output never grows past
 * the expected size (or 2 GiB), and a stream that ends early is reported, never looped on.
 */
final class Inflation {

    static final int MAX = Integer.MAX_VALUE - 64;

    private Inflation() {
    }

    /** One inflated stream and how many input bytes it took (a gzip trailer or member follows). */
    record Inflated(byte[] data, int inputUsed) {
    }

    /**
     * Inflates a raw deflate ({@code nowrap}) or zlib stream starting at {@code offset}; with
     * {@code expectedSize >= 0} the output must be exactly that long. Bytes after the stream's end
     * are ignored, as zlib and numcodecs' zlib ignore them.
     */
    static byte[] inflate(byte[] in, int offset, int length, boolean nowrap, int expectedSize, String codec) {
        int limit = expectedSize >= 0 ? expectedSize : MAX;
        Inflated r = inflateStream(in, offset, length, nowrap, limit, codec);
        if (expectedSize >= 0 && r.data().length < expectedSize) {
            throw new ZarrFormatException(codec + ": stream ends after " + r.data().length + " bytes, expected "
                    + expectedSize);
        }
        return r.data();
    }

    /**
     * Inflates one stream starting at {@code offset} to its end, producing at most {@code limit}
     * bytes (more is an error, never an unbounded buffer); a stream that ends early is reported.
     */
    static Inflated inflateStream(byte[] in, int offset, int length, boolean nowrap, int limit, String codec) {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(in, offset, length);
            // Compressed data rarely inflates past 4x; start there (or at the exact limit when known small).
            int initial = (int) Math.min(limit, Math.max(64L, 4L * length));
            byte[] out = new byte[initial];
            int n = 0;
            byte[] probe = new byte[1];
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length >= limit) {
                        // Full: one more byte of output would mean the stream is larger than allowed.
                        if (inf.inflate(probe) > 0) {
                            throw new ZarrFormatException(codec + ": stream holds more than the expected "
                                    + limit + " bytes");
                        }
                        if (!inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                            throw new ZarrFormatException(codec + ": truncated stream after " + n + " bytes");
                        }
                        continue;
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(limit, out.length * 2L));
                }
                int got = inf.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                    throw new ZarrFormatException(codec + ": truncated stream after " + n + " bytes");
                }
            }
            byte[] data = n == out.length ? out : java.util.Arrays.copyOf(out, n);
            return new Inflated(data, length - inf.getRemaining());
        } catch (DataFormatException e) {
            throw new ZarrFormatException(codec + ": corrupt stream: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    static byte[] deflate(byte[] in, int level, boolean nowrap) {
        Deflater def = new Deflater(level, nowrap);
        try {
            def.setInput(in);
            def.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!def.finished()) {
                int n = def.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            def.end();
        }
    }
}
