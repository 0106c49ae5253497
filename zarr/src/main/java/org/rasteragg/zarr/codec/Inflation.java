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

    private static final int MAX = Integer.MAX_VALUE - 64;

    private Inflation() {
    }

    /** Inflates a raw deflate ({@code nowrap}) or zlib stream starting at {@code offset}. */
    static byte[] inflate(byte[] in, int offset, int length, boolean nowrap, int expectedSize, String codec) {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(in, offset, length);
            int cap = expectedSize >= 0 ? expectedSize : Math.max(64, Math.min(MAX / 2, length * 4));
            byte[] out = new byte[cap];
            int n = 0;
            byte[] probe = new byte[1];
            while (!inf.finished()) {
                if (n == out.length) {
                    if (expectedSize >= 0) {
                        // Full: one more byte of output would mean the stream is larger than expected.
                        if (inf.inflate(probe) > 0) {
                            throw new ZarrFormatException(codec + ": stream holds more than the expected "
                                    + expectedSize + " bytes");
                        }
                        if (inf.finished()) {
                            break;
                        }
                        throw new ZarrFormatException(codec + ": truncated stream after " + n + " bytes");
                    }
                    if (out.length >= MAX) {
                        throw new ZarrFormatException(codec + ": stream inflates past 2 GiB");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(MAX, out.length * 2L));
                }
                int got = inf.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                    throw new ZarrFormatException(codec + ": truncated stream after " + n + " bytes");
                }
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
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
