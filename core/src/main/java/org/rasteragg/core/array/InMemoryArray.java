package org.rasteragg.core.array;

import java.util.Arrays;

/**
 * A chunked view of a C-order primitive array held in memory: for tests and for library users
 * who already hold their arrays. The data array is not copied; do not modify it while reading.
 * Thread-safe for reading.
 */
public final class InMemoryArray implements ChunkedArray {

    private final DType dtype;
    private final ChunkGrid grid;
    private final Object data;
    private final long[] strides;

    /**
     * @param dtype element type; {@code data} must be a primitive array of its storage kind
     * @param data the elements in C order, exactly as many as the shape holds
     * @param shape array shape
     * @param chunkShape chunk shape (any positive sizes; edge chunks may be partial)
     */
    public InMemoryArray(DType dtype, Object data, long[] shape, int[] chunkShape) {
        this.dtype = dtype;
        this.grid = new ChunkGrid(shape, chunkShape);
        if (!dtype.isBufferOf(data)) {
            throw new IllegalArgumentException("data of type " + data.getClass().getSimpleName()
                    + " does not hold " + dtype.numpyName());
        }
        if (DType.bufferLength(data) != grid.elementCount()) {
            throw new IllegalArgumentException("data holds " + DType.bufferLength(data) + " elements but shape "
                    + Arrays.toString(shape) + " needs " + grid.elementCount());
        }
        this.data = data;
        this.strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
    }

    /** One chunk covering the whole array. */
    public static InMemoryArray unchunked(DType dtype, Object data, long... shape) {
        int[] chunks = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            chunks[d] = (int) Math.max(1, shape[d]);
        }
        return new InMemoryArray(dtype, data, shape, chunks);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    /** The backing array (not a copy). */
    public Object data() {
        return data;
    }

    @Override
    public void readChunk(long[] gridPosition, Object destination) {
        int n = grid.ndim();
        int[] chunk = grid.chunkShape();
        int[] valid = new int[n];
        long[] origin = new long[n];
        for (int d = 0; d < n; d++) {
            if (gridPosition[d] < 0 || gridPosition[d] >= grid.gridExtent(d)) {
                throw new IndexOutOfBoundsException("chunk " + Arrays.toString(gridPosition) + " outside grid "
                        + Arrays.toString(grid.gridShape()) + " of " + description());
            }
            valid[d] = grid.validExtent(gridPosition, d);
            origin[d] = gridPosition[d] * chunk[d];
        }
        if (n == 0) {
            System.arraycopy(data, 0, destination, 0, 1);
            return;
        }
        for (int v : valid) {
            if (v <= 0) {
                return;
            }
        }
        // Copy row by row along the last axis; idx walks the outer axes of the valid region.
        int[] idx = new int[n - 1];
        int rowLength = valid[n - 1];
        while (true) {
            long src = origin[n - 1];
            int dst = 0;
            for (int d = 0; d < n - 1; d++) {
                src += (origin[d] + idx[d]) * strides[d];
                dst = dst * chunk[d] + idx[d];
            }
            dst *= chunk[n - 1];
            System.arraycopy(data, (int) src, destination, dst, rowLength);
            int d = n - 2;
            while (d >= 0 && ++idx[d] == valid[d]) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    @Override
    public String description() {
        return "in-memory " + dtype.numpyName() + " array " + Arrays.toString(grid.shape());
    }
}
