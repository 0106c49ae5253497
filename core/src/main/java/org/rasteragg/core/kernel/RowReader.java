package org.rasteragg.core.kernel;

import org.rasteragg.core.array.DType;

/**
 * Widening copies of one row of a chunk buffer, one loop per storage kind so that the per-voxel
 * work has no virtual call and no per-element type switch (the switch happens once per row).
 */
public final class RowReader {

    private RowReader() {
    }

    /** Copies {@code length} labels from {@code buffer[from..]} into {@code dest[0..]}. */
    public static void labels(Object buffer, DType dtype, int from, long[] dest, int length) {
        switch (dtype) {
            case INT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i];
                }
            }
            case UINT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i] & 0xFFL;
                }
            }
            case INT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i];
                }
            }
            case UINT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i] & 0xFFFFL;
                }
            }
            case INT32 -> {
                int[] b = (int[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i];
                }
            }
            case UINT32 -> {
                int[] b = (int[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[i] = b[from + i] & 0xFFFFFFFFL;
                }
            }
            case INT64, UINT64 -> System.arraycopy(buffer, from, dest, 0, length);
            default -> throw new IllegalArgumentException("labels must be integers, not " + dtype.numpyName());
        }
    }

    /** Copies {@code length} values from {@code buffer[from..]} into {@code dest[to..]} as float64. */
    static void values(Object buffer, DType dtype, int from, double[] dest, int to, int length) {
        switch (dtype) {
            case INT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i] & 0xFF;
                }
            }
            case INT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i] & 0xFFFF;
                }
            }
            case INT32 -> {
                int[] b = (int[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT32 -> {
                int[] b = (int[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i] & 0xFFFFFFFFL;
                }
            }
            case INT64 -> {
                long[] b = (long[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT64 -> {
                long[] b = (long[]) buffer;
                for (int i = 0; i < length; i++) {
                    long v = b[from + i];
                    dest[to + i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
            }
            case FLOAT32 -> {
                float[] b = (float[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case FLOAT64 -> System.arraycopy(buffer, from, dest, to, length);
        }
    }

    /**
     * Copies {@code length} values of an integer image whose values fit an int (int8, uint8, int16,
     * uint16, int32) from {@code buffer[from..]} into {@code dest[to..]}.
     */
    static void integers(Object buffer, DType dtype, int from, int[] dest, int to, int length) {
        switch (dtype) {
            case INT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i] & 0xFF;
                }
            }
            case INT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i];
                }
            }
            case UINT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0; i < length; i++) {
                    dest[to + i] = b[from + i] & 0xFFFF;
                }
            }
            case INT32 -> System.arraycopy(buffer, from, dest, to, length);
            default -> throw new IllegalArgumentException("values of " + dtype.numpyName() + " do not fit an int");
        }
    }

    /**
     * Copies {@code length} values of an integer image of at most 16 bits from {@code buffer[from..]}
     * into every {@code stride}-th element of {@code dest}, starting at {@code to}: one channel of a
     * voxel-major row.
     */
    static void interleaveIntegers(Object buffer, DType dtype, int from, int[] dest, int to, int stride, int length) {
        switch (dtype) {
            case INT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0, o = to; i < length; i++, o += stride) {
                    dest[o] = b[from + i];
                }
            }
            case UINT8 -> {
                byte[] b = (byte[]) buffer;
                for (int i = 0, o = to; i < length; i++, o += stride) {
                    dest[o] = b[from + i] & 0xFF;
                }
            }
            case INT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0, o = to; i < length; i++, o += stride) {
                    dest[o] = b[from + i];
                }
            }
            case UINT16 -> {
                short[] b = (short[]) buffer;
                for (int i = 0, o = to; i < length; i++, o += stride) {
                    dest[o] = b[from + i] & 0xFFFF;
                }
            }
            default -> throw new IllegalArgumentException("interleaving needs integers of at most 16 bits, not "
                    + dtype.numpyName());
        }
    }
}
