package org.rasteragg.core.array;

import java.util.Arrays;

/**
 * A regular chunk grid over an n-dimensional array: every chunk has {@code chunkShape}, the last
 * chunk along an axis may extend past the array's end (only its part inside the array is valid).
 * Immutable; arrays are copied in and out.
 */
public record ChunkGrid(long[] shape, int[] chunkShape) implements java.io.Serializable {

    public ChunkGrid {
        if (shape.length != chunkShape.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and chunk shape "
                    + Arrays.toString(chunkShape) + " differ in dimensions");
        }
        long elements = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            if (chunkShape[d] <= 0) {
                throw new IllegalArgumentException("chunk shape must be positive: " + Arrays.toString(chunkShape));
            }
            elements = Math.multiplyExact(elements, chunkShape[d]);
        }
        if (elements > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk of " + elements + " elements is larger than a Java array: "
                    + Arrays.toString(chunkShape));
        }
        shape = shape.clone();
        chunkShape = chunkShape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunkShape() {
        return chunkShape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public long extent(int axis) {
        return shape[axis];
    }

    public int chunkExtent(int axis) {
        return chunkShape[axis];
    }

    /** Number of chunks along {@code axis}. */
    public long gridExtent(int axis) {
        return (shape[axis] + chunkShape[axis] - 1) / chunkShape[axis];
    }

    /** Number of chunks along every axis. */
    public long[] gridShape() {
        long[] g = new long[shape.length];
        for (int d = 0; d < g.length; d++) {
            g[d] = gridExtent(d);
        }
        return g;
    }

    /** Total number of chunks. */
    public long chunkCount() {
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            n *= gridExtent(d);
        }
        return n;
    }

    /** Elements in one full chunk (the buffer size {@link ChunkedArray#readChunk} needs). */
    public int chunkElements() {
        int n = 1;
        for (int c : chunkShape) {
            n *= c;
        }
        return n;
    }

    /** Number of valid elements of the chunk at {@code gridPosition} along {@code axis}. */
    public int validExtent(long[] gridPosition, int axis) {
        long start = gridPosition[axis] * chunkShape[axis];
        return (int) Math.min(chunkShape[axis], shape[axis] - start);
    }

    /** Total element count of the array. */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkGrid g && Arrays.equals(shape, g.shape) && Arrays.equals(chunkShape, g.chunkShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(chunkShape);
    }

    @Override
    public String toString() {
        return "ChunkGrid[shape=" + Arrays.toString(shape) + ", chunks=" + Arrays.toString(chunkShape) + "]";
    }
}
