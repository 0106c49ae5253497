package org.rasteragg.zarr.array;

import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;

/** Mapping between numpy/Zarr type strings and {@link DType}. Stateless. */
final class DataTypes {

    private DataTypes() {
    }

    /** Parsed Zarr v2 dtype: element type and whether multi-byte values are little-endian. */
    record V2Type(DType dtype, boolean littleEndian) {
    }

    /** Parses a v2 typestr like {@code "<u2"}, {@code ">f8"}, {@code "|i1"}. */
    static V2Type parseV2(String s, String where) {
        if (s.length() < 3) {
            throw unsupported(s, where);
        }
        char order = s.charAt(0);
        char kind = s.charAt(1);
        int size;
        try {
            size = Integer.parseInt(s.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(s, where);
        }
        if (order != '<' && order != '>' && order != '|') {
            throw unsupported(s, where);
        }
        String numpy = switch (kind) {
            case 'i' -> "int" + size * 8;
            case 'u' -> "uint" + size * 8;
            case 'f' -> "float" + size * 8;
            default -> throw unsupported(s, where);
        };
        DType t = fromName(numpy, s, where);
        return new V2Type(t, order != '>');
    }

    /** The v2 typestr for a type and byte order. */
    static String toV2(DType t, boolean littleEndian) {
        char kind = !t.isInteger() ? 'f' : t.isSigned() ? 'i' : 'u';
        char order = t.byteSize() == 1 ? '|' : littleEndian ? '<' : '>';
        return "" + order + kind + t.byteSize();
    }

    /** Parses a v3 data_type name ("uint16"). */
    static DType parseV3(String s, String where) {
        return fromName(s, s, where);
    }

    private static DType fromName(String numpy, String found, String where) {
        for (DType t : DType.values()) {
            if (t.numpyName().equals(numpy)) {
                return t;
            }
        }
        throw unsupported(found, where);
    }

    private static ZarrFormatException unsupported(String s, String where) {
        return new ZarrFormatException(where + ": unsupported dtype '" + s
                + "'; supported: int8..int64, uint8..uint64, float32, float64 (v2: '<i2', '>u4', '|u1', '<f8', ...)");
    }
}
