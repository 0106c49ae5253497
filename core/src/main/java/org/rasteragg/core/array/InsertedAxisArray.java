package org.rasteragg.core.array;

import java.util.Arrays;

/**
 * A view that inserts an axis of length 1 at {@code axis} (as numpy's {@code a[None]} or
 * {@code a[:, None]}): the chunk buffer layout is unchanged, so reads pass straight through.
 * Thread-safe when the source is.
 */
public final class InsertedAxisArray implements ChunkedArray {

    private final ChunkedArray source;
    private final int axis;
    private final ChunkGrid grid;

    public InsertedAxisArray(ChunkedArray source, int axis) {
        if (axis < 0 || axis > source.ndim()) {
            throw new IllegalArgumentException("cannot insert axis " + axis + " into a " + source.ndim() + "D array");
        }
        this.source = source;
        this.axis = axis;
        this.grid = new ChunkGrid(insert(source.shape(), axis), insert(source.chunkShape(), axis));
    }

    private static long[] insert(long[] a, int axis) {
        long[] r = new long[a.length + 1];
        System.arraycopy(a, 0, r, 0, axis);
        r[axis] = 1;
        System.arraycopy(a, axis, r, axis + 1, a.length - axis);
        return r;
    }

    private static int[] insert(int[] a, int axis) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, axis);
        r[axis] = 1;
        System.arraycopy(a, axis, r, axis + 1, a.length - axis);
        return r;
    }

    @Override
    public DType dtype() {
        return source.dtype();
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] gridPosition, Object destination) {
        if (gridPosition[axis] != 0) {
            throw new IndexOutOfBoundsException("chunk " + Arrays.toString(gridPosition) + " outside grid of " + description());
        }
        long[] inner = new long[gridPosition.length - 1];
        System.arraycopy(gridPosition, 0, inner, 0, axis);
        System.arraycopy(gridPosition, axis + 1, inner, axis, inner.length - axis);
        source.readChunk(inner, destination);
    }

    @Override
    public String description() {
        return source.description();
    }
}
