package org.rasteragg.zarr.codec;

import java.util.Arrays;
import org.rasteragg.core.array.DType;

/**
 * The fill value of an array: the value of every element of a chunk that is not stored. Held as
 * the raw bits of the element ({@link Float#floatToRawIntBits} for float32, so NaN payloads
 * survive). Immutable and thread-safe.
 */
public record FillValue(DType dtype, long bits) {

    /** Zero of any type. */
    public static FillValue zero(DType dtype) {
        return new FillValue(dtype, 0L);
    }

    /** A fill value from a number (integers exact; doubles rounded to float32 for float32). */
    public static FillValue of(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> new FillValue(dtype, Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL);
            case FLOAT64 -> new FillValue(dtype, Double.doubleToRawLongBits(value));
            default -> new FillValue(dtype, (long) value);
        };
    }

    /** The value as a double (uint64 above 2^63 wraps to its two's complement). */
    public double asDouble() {
        return switch (dtype) {
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case UINT64 -> bits >= 0 ? bits : (double) (bits >>> 1) * 2.0;
            default -> bits;
        };
    }

    /** Whether every element is zero bits (lets readers skip a fill on a zeroed buffer). */
    public boolean isZero() {
        return bits == 0;
    }

    /** Sets {@code destination[from, to)} to the fill value. */
    public void fill(Object destination, int from, int to) {
        switch (dtype.byteSize()) {
            case 1 -> Arrays.fill((byte[]) destination, from, to, (byte) bits);
            case 2 -> Arrays.fill((short[]) destination, from, to, (short) bits);
            case 4 -> {
                if (dtype.isInteger()) {
                    Arrays.fill((int[]) destination, from, to, (int) bits);
                } else {
                    Arrays.fill((float[]) destination, from, to, Float.intBitsToFloat((int) bits));
                }
            }
            default -> {
                if (dtype.isInteger()) {
                    Arrays.fill((long[]) destination, from, to, bits);
                } else {
                    Arrays.fill((double[]) destination, from, to, Double.longBitsToDouble(bits));
                }
            }
        }
    }

    /** Sets the whole buffer to the fill value. */
    public void fill(Object destination) {
        fill(destination, 0, DType.bufferLength(destination));
    }

    /** Whether every element of {@code buffer} has exactly the fill value's bits. */
    public boolean fillsAll(Object buffer) {
        if (buffer instanceof byte[] a) {
            for (byte v : a) {
                if (v != (byte) bits) {
                    return false;
                }
            }
        } else if (buffer instanceof short[] a) {
            for (short v : a) {
                if (v != (short) bits) {
                    return false;
                }
            }
        } else if (buffer instanceof int[] a) {
            for (int v : a) {
                if (v != (int) bits) {
                    return false;
                }
            }
        } else if (buffer instanceof long[] a) {
            for (long v : a) {
                if (v != bits) {
                    return false;
                }
            }
        } else if (buffer instanceof float[] a) {
            for (float v : a) {
                if (Float.floatToRawIntBits(v) != (int) bits) {
                    return false;
                }
            }
        } else if (buffer instanceof double[] a) {
            for (double v : a) {
                if (Double.doubleToRawLongBits(v) != bits) {
                    return false;
                }
            }
        } else {
            throw new IllegalArgumentException("not a primitive buffer: " + buffer.getClass());
        }
        return true;
    }
}
