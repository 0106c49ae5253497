package org.rasteragg.zarr.array;

import org.rasteragg.zarr.ZarrFormatException;

/**
 * How chunk grid positions become store keys: Zarr v3 "default" ({@code c/1/2}, or {@code c.1.2})
 * or "v2" style ({@code 1.2} or {@code 1/2}; {@code 0} for a 0-d array). Immutable.
 *
 * @param v2Style true for the v2 scheme, false for v3 "default"
 * @param separator '/' or '.'
 */
public record ChunkKeyEncoding(boolean v2Style, char separator) {

    public ChunkKeyEncoding {
        if (separator != '/' && separator != '.') {
            throw new ZarrFormatException("chunk key separator must be '/' or '.', found '" + separator + "'");
        }
    }

    public static ChunkKeyEncoding v3Default() {
        return new ChunkKeyEncoding(false, '/');
    }

    public static ChunkKeyEncoding v2Default() {
        return new ChunkKeyEncoding(true, '.');
    }

    /** The key of chunk {@code gridPosition}, relative to the array's path. */
    public String key(long[] gridPosition) {
        StringBuilder sb = new StringBuilder(4 + gridPosition.length * 4);
        if (v2Style) {
            if (gridPosition.length == 0) {
                return "0";
            }
            for (int d = 0; d < gridPosition.length; d++) {
                if (d > 0) {
                    sb.append(separator);
                }
                sb.append(gridPosition[d]);
            }
        } else {
            sb.append('c');
            for (long p : gridPosition) {
                sb.append(separator).append(p);
            }
        }
        return sb.toString();
    }

    /** The v3 name: "default" or "v2". */
    public String name() {
        return v2Style ? "v2" : "default";
    }
}
