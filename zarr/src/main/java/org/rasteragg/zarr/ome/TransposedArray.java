package org.rasteragg.zarr.ome;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.codec.Strided;

/**
 * A view of {@code source} with its axes reordered: axis {@code d} of the view is axis
 * {@code order[d]} of the source (numpy's {@code source.transpose(order)}). Chunks map one to one;
 * each read fetches the source chunk into a scratch buffer and copies it transposed. Thread-safe
 * when the source is (the scratch buffer is allocated per read).
 */
public final class TransposedArray implements ChunkedArray {

    private final ChunkedArray source;
    private final int[] order;
    private final ChunkGrid grid;
    /** Strides of the source chunk buffer, taken in view axis order. */
    private final int[] sourceStridesInViewOrder;
    private final int[] viewStrides;
    private final int[] viewChunk;

    public TransposedArray(ChunkedArray source, int[] order) {
        int n = source.ndim();
        boolean[] seen = new boolean[n];
        if (order.length != n) {
            throw new IllegalArgumentException("axis order " + Arrays.toString(order) + " does not fit the " + n
                    + "D array " + source.description());
        }
        for (int a : order) {
            if (a < 0 || a >= n || seen[a]) {
                throw new IllegalArgumentException("axis order " + Arrays.toString(order)
                        + " is not a permutation of 0.." + (n - 1));
            }
            seen[a] = true;
        }
        this.source = source;
        this.order = order.clone();
        long[] shape = source.shape();
        int[] chunk = source.chunkShape();
        long[] viewShape = new long[n];
        viewChunk = new int[n];
        int[] sourceStrides = Strided.cStrides(chunk);
        sourceStridesInViewOrder = new int[n];
        for (int d = 0; d < n; d++) {
            viewShape[d] = shape[order[d]];
            viewChunk[d] = chunk[order[d]];
            sourceStridesInViewOrder[d] = sourceStrides[order[d]];
        }
        viewStrides = Strided.cStrides(viewChunk);
        grid = new ChunkGrid(viewShape, viewChunk);
    }

    /** The view axis order: view axis {@code d} is source axis {@code order()[d]}. */
    public int[] order() {
        return order.clone();
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
        if (gridPosition.length != order.length) {
            throw new IndexOutOfBoundsException("chunk " + Arrays.toString(gridPosition) + " has "
                    + gridPosition.length + " axes, " + description() + " has " + order.length);
        }
        long[] sourcePosition = new long[order.length];
        for (int d = 0; d < order.length; d++) {
            sourcePosition[order[d]] = gridPosition[d];
        }
        Object scratch = source.dtype().allocate(source.grid().chunkElements());
        source.readChunk(sourcePosition, scratch);
        Strided.copy(scratch, 0, sourceStridesInViewOrder, destination, 0, viewStrides, viewChunk);
    }

    @Override
    public String description() {
        return source.description() + " (axes reordered " + Arrays.toString(order) + ")";
    }
}
