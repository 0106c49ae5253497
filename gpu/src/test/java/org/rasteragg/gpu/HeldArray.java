package org.rasteragg.gpu;

import java.util.stream.IntStream;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;

/**
 * A chunked array held in memory as decoded chunk buffers (one Java array per chunk, so arrays of
 * more than 2^31 elements fit): what "in memory" means for the device check's timings.
 */
final class HeldArray implements ChunkedArray {

    private final DType dtype;
    private final ChunkGrid grid;
    private final Object[] chunks;
    private final String name;

    /** Reads every chunk of {@code source} once, in parallel. */
    HeldArray(ChunkedArray source) {
        this.dtype = source.dtype();
        this.grid = source.grid();
        this.name = "held " + source.description();
        long[] gridShape = grid.gridShape();
        this.chunks = new Object[Math.toIntExact(grid.chunkCount())];
        IntStream.range(0, chunks.length).parallel().forEach(i -> {
            Object buffer = dtype.allocate(grid.chunkElements());
            source.readChunk(position(i, gridShape), buffer);
            chunks[i] = buffer;
        });
    }

    /** The grid position of chunk {@code index} in C order. */
    static long[] position(long index, long[] gridShape) {
        long[] p = new long[gridShape.length];
        for (int d = gridShape.length - 1; d >= 0; d--) {
            p[d] = index % gridShape[d];
            index /= gridShape[d];
        }
        return p;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] gridPosition, Object destination) {
        long[] gridShape = grid.gridShape();
        long index = 0;
        for (int d = 0; d < gridShape.length; d++) {
            index = index * gridShape[d] + gridPosition[d];
        }
        System.arraycopy(chunks[(int) index], 0, destination, 0, grid.chunkElements());
    }

    @Override
    public String description() {
        return name;
    }
}
