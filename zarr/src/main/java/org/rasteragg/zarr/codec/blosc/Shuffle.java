package org.rasteragg.zarr.codec.blosc;

/**
 * Blosc's byte shuffle and bit shuffle filters on one block. Stateless, thread-safe.
 *
 * <p>Byte shuffle of n elements of t bytes: byte j of element i goes to {@code j * n + i};
 * trailing bytes (block length not a multiple of t) stay in place at the end.
 *
 * <p>Bit shuffle (the bitshuffle library's {@code bshuf_trans_bit_elem}) of n elements, n a
 * multiple of 8: bit k of byte j of element i goes to bit position {@code (8 * j + k) * n + i} of
 * the output, bit positions counted least significant bit first within each byte.
 */
public final class Shuffle {

    private Shuffle() {
    }

    public static void byteShuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int length) {
        int n = length / typesize;
        for (int j = 0; j < typesize; j++) {
            int out = dstOff + j * n;
            for (int i = 0, in = srcOff + j; i < n; i++, in += typesize) {
                dst[out + i] = src[in];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, length - done);
    }

    public static void byteUnshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int length) {
        int n = length / typesize;
        // Write the output sequentially (one element at a time); the common widths get unrolled loops.
        switch (typesize) {
            case 1 -> System.arraycopy(src, srcOff, dst, dstOff, n);
            case 2 -> {
                for (int i = 0, o = dstOff; i < n; i++, o += 2) {
                    dst[o] = src[srcOff + i];
                    dst[o + 1] = src[srcOff + n + i];
                }
            }
            case 4 -> {
                int s1 = srcOff + n;
                int s2 = s1 + n;
                int s3 = s2 + n;
                for (int i = 0, o = dstOff; i < n; i++, o += 4) {
                    dst[o] = src[srcOff + i];
                    dst[o + 1] = src[s1 + i];
                    dst[o + 2] = src[s2 + i];
                    dst[o + 3] = src[s3 + i];
                }
            }
            case 8 -> {
                for (int i = 0, o = dstOff; i < n; i++, o += 8) {
                    int in = srcOff + i;
                    for (int j = 0; j < 8; j++, in += n) {
                        dst[o + j] = src[in];
                    }
                }
            }
            default -> {
                for (int j = 0; j < typesize; j++) {
                    int in = srcOff + j * n;
                    for (int i = 0, out = dstOff + j; i < n; i++, out += typesize) {
                        dst[out] = src[in + i];
                    }
                }
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, length - done);
    }

    /**
     * Transposes an 8x8 bit matrix held in a long (byte r, bit c) to (byte c, bit r) (Hacker's
     * Delight 7-3).
     */
    static long transpose8x8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    /** Bit-shuffles the first {@code elements} (a multiple of 8) elements. */
    public static void bitShuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int elements) {
        int rowBytes = elements / 8;
        for (int j = 0; j < typesize; j++) {
            for (int g = 0; g < rowBytes; g++) {
                // Byte j of elements 8g..8g+7 as a matrix: row m = element, column k = bit.
                long x = 0;
                int in = srcOff + g * 8 * typesize + j;
                for (int m = 0; m < 8; m++, in += typesize) {
                    x |= (src[in] & 0xFFL) << (8 * m);
                }
                x = transpose8x8(x);
                for (int k = 0; k < 8; k++) {
                    dst[dstOff + (8 * j + k) * rowBytes + g] = (byte) (x >>> (8 * k));
                }
            }
        }
    }

    /** Inverse of {@link #bitShuffle}. */
    public static void bitUnshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int elements) {
        int rowBytes = elements / 8;
        for (int j = 0; j < typesize; j++) {
            int row0 = srcOff + 8 * j * rowBytes;
            for (int g = 0; g < rowBytes; g++) {
                long x = 0;
                for (int k = 0; k < 8; k++) {
                    x |= (src[row0 + k * rowBytes + g] & 0xFFL) << (8 * k);
                }
                x = transpose8x8(x);
                int out = dstOff + g * 8 * typesize + j;
                for (int m = 0; m < 8; m++, out += typesize) {
                    dst[out] = (byte) (x >>> (8 * m));
                }
            }
        }
    }
}
