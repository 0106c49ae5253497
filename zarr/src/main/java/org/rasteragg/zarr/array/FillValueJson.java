package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.FillValue;

/**
 * The JSON form of a fill value, the same in {@code .zarray} and {@code zarr.json}: a number (exact
 * for 64-bit integers), a boolean, "NaN", "Infinity", "-Infinity", or a float's raw bits as "0x"
 * hex; v2's null means zero. Anything else is a {@link ZarrFormatException} naming the document.
 */
final class FillValueJson {

    private FillValueJson() {
    }

    /**
     * The fill value {@code v} of an array of {@code dtype}.
     *
     * @param where the document, for messages
     */
    static FillValue parse(JsonNode v, DType dtype, String where) {
        if (v == null || v.isNull()) {
            // v2 null means "no fill value": zarr-python then leaves absent chunks as zeros.
            return FillValue.zero(dtype);
        }
        if (v.isTextual()) {
            String s = v.asText();
            if (!dtype.isInteger()) {
                switch (s) {
                    case "NaN":
                        return FillValue.of(dtype, Double.NaN);
                    case "Infinity":
                        return FillValue.of(dtype, Double.POSITIVE_INFINITY);
                    case "-Infinity":
                        return FillValue.of(dtype, Double.NEGATIVE_INFINITY);
                    default:
                        if (isRawBits(s, dtype)) {
                            return new FillValue(dtype, Long.parseUnsignedLong(s.substring(2), 16));
                        }
                }
            }
            throw new ZarrFormatException(where + ": fill_value '" + s + "' is not valid for " + dtype.numpyName());
        }
        if (v.isBoolean()) {
            return new FillValue(dtype, v.asBoolean() ? 1 : 0);
        }
        if (!v.isNumber()) {
            throw new ZarrFormatException(where + ": fill_value " + v + " is not a number");
        }
        if (dtype.isInteger()) {
            if (!v.isIntegralNumber()) {
                double d = v.doubleValue();
                if (d != Math.rint(d)) {
                    throw new ZarrFormatException(where + ": fill_value " + v + " is not an integer for "
                            + dtype.numpyName());
                }
                return new FillValue(dtype, (long) d);
            }
            BigInteger b = v.bigIntegerValue();
            if (b.bitLength() > 64 || b.signum() < 0 && dtype == DType.UINT64) {
                throw new ZarrFormatException(where + ": fill_value " + v + " out of range for " + dtype.numpyName());
            }
            return new FillValue(dtype, b.longValue());
        }
        return FillValue.of(dtype, v.doubleValue());
    }

    /**
     * Whether {@code s} is the Zarr v3 form of a float's raw bits: "0x" and exactly two hex digits
     * per byte of the type, as zarr-python reads it ({@code bytes.fromhex}); anything else is not
     * a fill value, never a parse crash.
     */
    private static boolean isRawBits(String s, DType dtype) {
        if (!s.startsWith("0x") || s.length() != 2 + 2 * dtype.byteSize()) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code fillValue} as {@code field} of {@code z}, in the form {@link #parse} reads back. */
    static void put(ObjectNode z, String field, FillValue fillValue) {
        DType dtype = fillValue.dtype();
        if (dtype.isInteger()) {
            if (dtype == DType.UINT64 && fillValue.bits() < 0) {
                z.put(field, new BigInteger(Long.toUnsignedString(fillValue.bits())));
            } else {
                z.put(field, fillValue.bits());
            }
            return;
        }
        double d = fillValue.asDouble();
        if (Double.isNaN(d)) {
            z.put(field, "NaN");
        } else if (Double.isInfinite(d)) {
            z.put(field, d > 0 ? "Infinity" : "-Infinity");
        } else {
            z.put(field, d);
        }
    }
}
