package org.rasteragg.core.testing;

import org.rasteragg.core.array.DType;

/** Element access to the primitive storage arrays of {@link DType}s. Test utility; stateless. */
public final class Values {

    private Values() {
    }

    /** Element {@code i} as a long: unsigned types widened, uint64 as its raw bits, floats truncated. */
    public static long longAt(DType t, Object buf, int i) {
        return switch (t) {
            case INT8 -> ((byte[]) buf)[i];
            case UINT8 -> ((byte[]) buf)[i] & 0xFFL;
            case INT16 -> ((short[]) buf)[i];
            case UINT16 -> ((short[]) buf)[i] & 0xFFFFL;
            case INT32 -> ((int[]) buf)[i];
            case UINT32 -> ((int[]) buf)[i] & 0xFFFFFFFFL;
            case INT64, UINT64 -> ((long[]) buf)[i];
            case FLOAT32 -> (long) ((float[]) buf)[i];
            case FLOAT64 -> (long) ((double[]) buf)[i];
        };
    }

    /** Element {@code i} as a double (uint64 read unsigned). */
    public static double doubleAt(DType t, Object buf, int i) {
        return switch (t) {
            case FLOAT32 -> ((float[]) buf)[i];
            case FLOAT64 -> ((double[]) buf)[i];
            case UINT64 -> unsignedToDouble(((long[]) buf)[i]);
            default -> longAt(t, buf, i);
        };
    }

    public static double unsignedToDouble(long bits) {
        return bits >= 0 ? bits : Double.parseDouble(Long.toUnsignedString(bits));
    }

    /** Stores {@code v} (already in the type's range) at element {@code i}. */
    public static void setLong(DType t, Object buf, int i, long v) {
        switch (t) {
            case INT8, UINT8 -> ((byte[]) buf)[i] = (byte) v;
            case INT16, UINT16 -> ((short[]) buf)[i] = (short) v;
            case INT32, UINT32 -> ((int[]) buf)[i] = (int) v;
            case INT64, UINT64 -> ((long[]) buf)[i] = v;
            case FLOAT32 -> ((float[]) buf)[i] = v;
            case FLOAT64 -> ((double[]) buf)[i] = v;
        }
    }

    /** Stores {@code v} at element {@code i} of a float array. */
    public static void setDouble(DType t, Object buf, int i, double v) {
        switch (t) {
            case FLOAT32 -> ((float[]) buf)[i] = (float) v;
            case FLOAT64 -> ((double[]) buf)[i] = v;
            default -> setLong(t, buf, i, (long) v);
        }
    }
}
