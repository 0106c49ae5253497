package org.rasteragg.bench;

import java.util.stream.LongStream;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.InMemoryArray;

/** Copies a chunked array into one C-order array in memory (uncompressed), chunks in parallel. */
final class Materialize {

    private Materialize() {
    }

    static InMemoryArray inMemory(ChunkedArray source) {
        ChunkGrid grid = source.grid();
        long elements = grid.elementCount();
        if (elements > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too large to hold in one Java array: " + grid);
        }
        Object data = source.dtype().allocate((int) elements);
        long[] shape = grid.shape();
        int[] chunk = grid.chunkShape();
        long[] gridShape = grid.gridShape();
        int n = shape.length;
        // Chunks write disjoint parts of data, so a parallel stream over chunk indices is safe here
        // (CPU-bound computation of synthetic data, no I/O on the common pool).
        LongStream.range(0, grid.chunkCount()).parallel().forEach(index -> {
            long[] p = new long[n];
            long rest = index;
            for (int d = n - 1; d >= 0; d--) {
                p[d] = rest % gridShape[d];
                rest /= gridShape[d];
            }
            Object buffer = source.dtype().allocate(grid.chunkElements());
            source.readChunk(p, buffer);
            int[] valid = new int[n];
            for (int d = 0; d < n; d++) {
                valid[d] = grid.validExtent(p, d);
            }
            int rows = 1;
            for (int d = 0; d < n - 1; d++) {
                rows *= valid[d];
            }
            int[] idx = new int[n - 1];
            for (int r = 0; r < rows; r++) {
                long dst = 0;
                int src = 0;
                for (int d = 0; d < n - 1; d++) {
                    dst = dst * shape[d] + p[d] * chunk[d] + idx[d];
                    src = src * chunk[d] + idx[d];
                }
                dst = dst * shape[n - 1] + p[n - 1] * chunk[n - 1];
                src *= chunk[n - 1];
                System.arraycopy(buffer, src, data, (int) dst, valid[n - 1]);
                for (int d = n - 2; d >= 0 && ++idx[d] == valid[d]; d--) {
                    idx[d] = 0;
                }
            }
        });
        return new InMemoryArray(source.dtype(), data, shape, chunk);
    }
}
