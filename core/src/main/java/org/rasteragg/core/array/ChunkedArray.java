package org.rasteragg.core.array;

/**
 * An n-dimensional array stored as a regular grid of chunks, read one chunk at a time.
 *
 * <p>Thread-safety contract: implementations must allow {@link #readChunk} to be called
 * concurrently from several threads with distinct destination buffers. The engine relies on it.
 */
public interface ChunkedArray {

    /** Element type. */
    DType dtype();

    /** Shape and chunk shape. */
    ChunkGrid grid();

    /** Array shape (a copy). */
    default long[] shape() {
        return grid().shape();
    }

    /** Chunk shape (a copy). */
    default int[] chunkShape() {
        return grid().chunkShape();
    }

    default int ndim() {
        return grid().ndim();
    }

    /**
     * Reads the chunk at {@code gridPosition} (chunk indices, not element offsets) into
     * {@code destination}: a primitive array of {@link DType#allocate} kind holding at least
     * {@link ChunkGrid#chunkElements()} elements. Elements are written in C order over the full
     * chunk shape; for an edge chunk the elements outside the array are unspecified.
     *
     * @throws RuntimeException (an unchecked, implementation-specific type) when the chunk cannot
     *     be read; the message names the source, the chunk and the problem.
     */
    void readChunk(long[] gridPosition, Object destination);

    /** A short human-readable name of the source ("store.zarr/labels/cells/0"), used in messages. */
    default String description() {
        return getClass().getSimpleName();
    }
}
