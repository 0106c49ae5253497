package org.rasteragg.zarr.codec;

import java.util.Arrays;
import org.rasteragg.core.array.DType;

/**
 * What a codec stage sees: the shape of the (full) chunk, its element type and the fill value.
 * Each array-to-array codec maps its input spec to its output spec as a pure function.
 * Immutable; the shape is copied in and out.
 */
public record ChunkSpec(int[] shape, DType dtype, FillValue fillValue) {

    public ChunkSpec {
        shape = shape.clone();
        long n = 1;
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("chunk shape must be positive: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        if (n * dtype.byteSize() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("chunk " + Arrays.toString(shape) + " of " + dtype.numpyName()
                    + " exceeds 2 GiB");
        }
        if (fillValue.dtype() != dtype) {
            throw new IllegalArgumentException("fill value of " + fillValue.dtype() + " for " + dtype);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int extent(int axis) {
        return shape[axis];
    }

    /** Number of elements of the chunk. */
    public int elements() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Bytes of the chunk at the element width of its dtype. */
    public int byteCount() {
        return elements() * dtype.byteSize();
    }

    /** The same type with another shape. */
    public ChunkSpec withShape(int[] newShape) {
        return new ChunkSpec(newShape, dtype, fillValue);
    }

    /** A new buffer for one chunk. */
    public Object allocate() {
        return dtype.allocate(elements());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkSpec c && Arrays.equals(shape, c.shape) && dtype == c.dtype
                && fillValue.equals(c.fillValue);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + dtype.hashCode() * 7 + fillValue.hashCode();
    }

    @Override
    public String toString() {
        return dtype.numpyName() + Arrays.toString(shape);
    }
}
