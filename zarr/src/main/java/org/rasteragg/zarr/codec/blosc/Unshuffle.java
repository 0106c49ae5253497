package org.rasteragg.zarr.codec.blosc;

/**
 * Byte-unshuffle fused with the conversion to Java primitives: stream j of a shuffled block holds
 * byte j of every element, so element i is assembled from {@code src[j * n + i]} and written once.
 * Stateless, thread-safe.
 */
final class Unshuffle {

    private Unshuffle() {
    }

    /** Writes {@code n} elements assembled from the shuffled {@code src} into {@code dest} from {@code off}. */
    static void into(Object dest, int off, byte[] src, int n, boolean littleEndian) {
        if (dest instanceof short[] a) {
            shorts(a, off, src, n, littleEndian);
        } else if (dest instanceof int[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = int32(src, n, i, littleEndian);
            }
        } else if (dest instanceof float[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = Float.intBitsToFloat(int32(src, n, i, littleEndian));
            }
        } else if (dest instanceof long[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = int64(src, n, i, littleEndian);
            }
        } else if (dest instanceof double[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = Double.longBitsToDouble(int64(src, n, i, littleEndian));
            }
        } else {
            throw new IllegalArgumentException("not a multi-byte primitive buffer: " + dest.getClass());
        }
    }

    private static void shorts(short[] a, int off, byte[] src, int n, boolean le) {
        if (le) {
            for (int i = 0; i < n; i++) {
                a[off + i] = (short) ((src[i] & 0xFF) | src[n + i] << 8);
            }
        } else {
            for (int i = 0; i < n; i++) {
                a[off + i] = (short) ((src[n + i] & 0xFF) | src[i] << 8);
            }
        }
    }

    private static int int32(byte[] s, int n, int i, boolean le) {
        int b0 = s[i] & 0xFF;
        int b1 = s[n + i] & 0xFF;
        int b2 = s[2 * n + i] & 0xFF;
        int b3 = s[3 * n + i] & 0xFF;
        return le ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24;
    }

    private static long int64(byte[] s, int n, int i, boolean le) {
        long v = 0;
        if (le) {
            for (int j = 7; j >= 0; j--) {
                v = v << 8 | (s[j * n + i] & 0xFF);
            }
        } else {
            for (int j = 0; j < 8; j++) {
                v = v << 8 | (s[j * n + i] & 0xFF);
            }
        }
        return v;
    }
}
