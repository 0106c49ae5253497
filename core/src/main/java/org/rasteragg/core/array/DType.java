package org.rasteragg.core.array;

import java.util.Locale;

/**
 * Element types of a chunked array, named as numpy names them.
 *
 * <p>Each type is held in memory in the Java primitive array of its width: int8/uint8 in
 * {@code byte[]}, int16/uint16 in {@code short[]}, int32/uint32 in {@code int[]}, int64/uint64 in
 * {@code long[]}, float32 in {@code float[]}, float64 in {@code double[]}. Unsigned values are
 * stored with the same bits and widened with a mask when read ({@code b & 0xFF}).
 */
public enum DType {
    INT8(1, true, true), UINT8(1, true, false),
    INT16(2, true, true), UINT16(2, true, false),
    INT32(4, true, true), UINT32(4, true, false),
    INT64(8, true, true), UINT64(8, true, false),
    FLOAT32(4, false, true), FLOAT64(8, false, true);

    private final int byteSize;
    private final boolean integer;
    private final boolean signed;

    DType(int byteSize, boolean integer, boolean signed) {
        this.byteSize = byteSize;
        this.integer = integer;
        this.signed = signed;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isInteger() {
        return integer;
    }

    public boolean isSigned() {
        return signed;
    }

    /** The numpy name: "uint16", "float32", ... */
    public String numpyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a numpy name ("uint16", "float64"). Throws {@link IllegalArgumentException} naming the
     * supported types for anything else.
     */
    public static DType fromNumpyName(String name) {
        for (DType t : values()) {
            if (t.numpyName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "'; supported: "
                + java.util.Arrays.stream(values()).map(DType::numpyName).toList());
    }

    /** A new primitive array of this type's storage kind with {@code length} elements. */
    public Object allocate(int length) {
        return switch (byteSize) {
            case 1 -> new byte[length];
            case 2 -> new short[length];
            case 4 -> integer ? new int[length] : new float[length];
            default -> integer ? new long[length] : new double[length];
        };
    }

    /** Whether {@code buffer} is a primitive array of this type's storage kind. */
    public boolean isBufferOf(Object buffer) {
        return switch (byteSize) {
            case 1 -> buffer instanceof byte[];
            case 2 -> buffer instanceof short[];
            case 4 -> integer ? buffer instanceof int[] : buffer instanceof float[];
            default -> integer ? buffer instanceof long[] : buffer instanceof double[];
        };
    }

    /** Element count of a primitive array buffer of any kind. */
    public static int bufferLength(Object buffer) {
        return java.lang.reflect.Array.getLength(buffer);
    }

    /**
     * Smallest value of the type, as a double (harpy's sentinel for the max of an absent label).
     * Floats give the most negative finite value, as numpy's {@code finfo.min}.
     */
    public double minValue() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    /**
     * Largest value of the type, as a double (harpy's sentinel for the min of an absent label).
     * Floats give the largest finite value, as numpy's {@code finfo.max}.
     */
    public double maxValue() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 18446744073709551615.0;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }

    /** {@link #minValue()} as a long, exact for every integer type but uint64. */
    public long minValueLong() {
        return this == INT64 ? Long.MIN_VALUE : (long) minValue();
    }

    /** {@link #maxValue()} as a long, exact for every integer type but uint64. */
    public long maxValueLong() {
        return this == INT64 ? Long.MAX_VALUE : (long) maxValue();
    }
}
