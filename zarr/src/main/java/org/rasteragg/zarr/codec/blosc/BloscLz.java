package org.rasteragg.zarr.codec.blosc;

import org.rasteragg.zarr.ZarrFormatException;

/**
 * Decoder of BloscLZ, Blosc's FastLZ-derived block format. Every read and write is checked against
 * the given ranges, so corrupt input ends in a {@link ZarrFormatException}. Stateless, thread-safe.
 *
 * <p>Stream: a sequence of instructions; the first control byte's top 3 bits are a format marker.
 * A control byte below 32 is a literal run of {@code ctrl + 1} bytes. Otherwise bits 7..5 give the
 * match length minus 2 (7 means "more length bytes follow, each adding up to 255"), bits 4..0 the
 * high byte of the distance; the next byte is the low byte. Distance {@code 31 << 8 | 255} is an
 * escape: a 16-bit big-endian distance follows, to which 8191 is added. A match copies
 * {@code length + 3} bytes from {@code distance + 1} bytes back (overlap allowed: runs).
 */
public final class BloscLz {

    private static final int MAX_DISTANCE = 8191;

    private BloscLz() {
    }

    /**
     * Decompresses {@code in[inOffset, inOffset+inLength)} into {@code out[outOffset, outOffset+outLength)}.
     *
     * @return bytes written
     */
    public static int decompress(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outLength) {
        if (inLength <= 0) {
            throw new ZarrFormatException("blosclz: empty stream");
        }
        int ip = inOffset;
        final int ipLimit = inOffset + inLength;
        int op = outOffset;
        final int opLimit = outOffset + outLength;
        int ctrl = in[ip++] & 31;
        while (true) {
            if (ctrl >= 32) {
                int len = (ctrl >>> 5) - 1;
                int ofs = (ctrl & 31) << 8;
                if (len == 6) {
                    int code;
                    do {
                        if (ip >= ipLimit) {
                            throw truncated(ip - inOffset);
                        }
                        code = in[ip++] & 0xFF;
                        len += code;
                    } while (code == 255);
                }
                if (ip >= ipLimit) {
                    throw truncated(ip - inOffset);
                }
                int code = in[ip++] & 0xFF;
                int distance = ofs + code + 1;
                if (code == 255 && ofs == (31 << 8)) {
                    if (ip + 2 > ipLimit) {
                        throw truncated(ip - inOffset);
                    }
                    distance = ((in[ip] & 0xFF) << 8 | (in[ip + 1] & 0xFF)) + MAX_DISTANCE + 1;
                    ip += 2;
                }
                len += 3;
                if (op + len > opLimit) {
                    throw new ZarrFormatException("blosclz: match of " + len + " bytes runs past the output of "
                            + outLength + " bytes");
                }
                int ref = op - distance;
                if (ref < outOffset) {
                    throw new ZarrFormatException("blosclz: match distance " + distance + " before the output start");
                }
                if (distance >= len) {
                    System.arraycopy(out, ref, out, op, len);
                    op += len;
                } else {
                    for (int i = 0; i < len; i++) {
                        out[op++] = out[ref++];
                    }
                }
            } else {
                int run = ctrl + 1;
                if (op + run > opLimit || ip + run > ipLimit) {
                    throw new ZarrFormatException("blosclz: literal run of " + run + " bytes runs past "
                            + (op + run > opLimit ? "the output" : "the input"));
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            }
            if (ip >= ipLimit) {
                break;
            }
            ctrl = in[ip++] & 0xFF;
        }
        return op - outOffset;
    }

    private static ZarrFormatException truncated(int at) {
        return new ZarrFormatException("blosclz: stream truncated at byte " + at);
    }
}
