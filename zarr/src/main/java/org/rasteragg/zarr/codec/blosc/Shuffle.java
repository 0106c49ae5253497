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
        for (int j = 0; j < typesize; j++) {
            int in = srcOff + j * n;
            for (int i = 0, out = dstOff + j; i < n; i++, out += typesize) {
                dst[out] = src[in + i];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, length - done);
    }

    /** Bit-shuffles the first {@code elements} (a multiple of 8) elements. */
    public static void bitShuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int elements) {
        int rowBytes = elements / 8;
        java.util.Arrays.fill(dst, dstOff, dstOff + elements * typesize, (byte) 0);
        for (int j = 0; j < typesize; j++) {
            for (int k = 0; k < 8; k++) {
                int row = dstOff + (8 * j + k) * rowBytes;
                for (int g = 0; g < rowBytes; g++) {
                    int base = srcOff + (g * 8) * typesize + j;
                    int b = 0;
                    for (int m = 0; m < 8; m++) {
                        b |= ((src[base + m * typesize] >>> k) & 1) << m;
                    }
                    dst[row + g] = (byte) b;
                }
            }
        }
    }

    /** Inverse of {@link #bitShuffle}. */
    public static void bitUnshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int elements) {
        int rowBytes = elements / 8;
        java.util.Arrays.fill(dst, dstOff, dstOff + elements * typesize, (byte) 0);
        for (int j = 0; j < typesize; j++) {
            for (int k = 0; k < 8; k++) {
                int row = srcOff + (8 * j + k) * rowBytes;
                int bit = 1 << k;
                for (int g = 0; g < rowBytes; g++) {
                    int b = src[row + g];
                    if (b == 0) {
                        continue;
                    }
                    int base = dstOff + (g * 8) * typesize + j;
                    for (int m = 0; m < 8; m++) {
                        if ((b >>> m & 1) != 0) {
                            dst[base + m * typesize] |= (byte) bit;
                        }
                    }
                }
            }
        }
    }
}
