package org.rasteragg.zarr.codec;

/**
 * Strided copies between primitive arrays of the same kind, used by transpose and by sharding
 * (placing inner chunks inside a shard). Stateless and thread-safe.
 */
public final class Strided {

    private Strided() {
    }

    /** C-order strides of {@code shape}. */
    public static int[] cStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /**
     * Copies the box {@code extent} from {@code src} (offset {@code srcOffset}, strides {@code srcStrides})
     * into {@code dst} (offset {@code dstOffset}, strides {@code dstStrides}). All arrays are the same
     * primitive kind.
     */
    public static void copy(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset, int[] dstStrides,
            int[] extent) {
        int n = extent.length;
        for (int e : extent) {
            if (e <= 0) {
                return;
            }
        }
        if (n == 0) {
            System.arraycopy(src, srcOffset, dst, dstOffset, 1);
            return;
        }
        int last = n - 1;
        int len = extent[last];
        int ss = srcStrides[last];
        int ds = dstStrides[last];
        int[] idx = new int[n];
        int s = srcOffset;
        int d = dstOffset;
        while (true) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(src, s, dst, d, len);
            } else {
                row(src, s, ss, dst, d, ds, len);
            }
            int k = last - 1;
            while (k >= 0) {
                idx[k]++;
                s += srcStrides[k];
                d += dstStrides[k];
                if (idx[k] < extent[k]) {
                    break;
                }
                s -= srcStrides[k] * extent[k];
                d -= dstStrides[k] * extent[k];
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return;
            }
        }
    }

    private static void row(Object src, int s, int ss, Object dst, int d, int ds, int len) {
        if (src instanceof byte[] a) {
            byte[] b = (byte[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof short[] a) {
            short[] b = (short[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof int[] a) {
            int[] b = (int[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof long[] a) {
            long[] b = (long[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof float[] a) {
            float[] b = (float[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof double[] a) {
            double[] b = (double[]) dst;
            for (int i = 0; i < len; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else {
            throw new IllegalArgumentException("not a primitive buffer: " + src.getClass());
        }
    }
}
