package org.rasteragg.spark;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/**
 * An array held in memory and shipped to executors with each task: for tests and small data. The
 * primitive data array is serialized as it is (no copy is made on the driver).
 */
public record InMemorySource(DType dtype, Object data, long[] shape, int[] chunkShape) implements ArraySource {

    private static final long serialVersionUID = 1L;

    public InMemorySource {
        // Fail on the driver, not in a task.
        new InMemoryArray(dtype, data, shape, chunkShape);
        shape = shape.clone();
        chunkShape = chunkShape.clone();
    }

    @Override
    public ChunkedArray open() {
        return new InMemoryArray(dtype, data, shape, chunkShape);
    }

    @Override
    public String description() {
        return "in-memory " + dtype.numpyName() + " array " + Arrays.toString(shape) + " chunks "
                + Arrays.toString(chunkShape);
    }
}
