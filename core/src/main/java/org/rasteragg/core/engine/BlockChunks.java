package org.rasteragg.core.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.plan.BlockPlan;

/**
 * The decoded chunks of the blocks of a plan, for the engines' workers: {@link #read} hands a
 * function the mask chunk and the image chunks holding a block, and releases them afterwards
 * (each chunk is decoded once, see {@link ChunkCache}). Thread-safe.
 */
public final class BlockChunks {

    private final ChunkCache maskChunks;
    private final ChunkCache imageChunks;

    /** What a worker does with a block's chunks. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param mask the mask chunk holding the block
         * @param image the image chunks holding it, one per channel chunk; null without image
         */
        T read(Object mask, Object[] image);
    }

    /**
     * @param image null when no statistic needs it
     * @param pooled released buffers to keep for reuse (the number of workers)
     * @param bytesRead counter of decoded bytes, for progress
     */
    public BlockChunks(ChunkedArray mask, ChunkedArray image, BlockPlan plan, int pooled, AtomicLong bytesRead) {
        this.maskChunks = new ChunkCache(mask, plan::maskChunkUses, pooled, bytesRead);
        this.imageChunks = image == null ? null : new ChunkCache(image, plan::imageChunkUses, pooled, bytesRead);
    }

    /** Runs {@code reader} on the chunks of {@code block}, then releases them. */
    public <T> T read(Block block, Reader<T> reader) {
        Object mask = maskChunks.acquire(block.maskChunk())[0];
        try {
            Object[] image = imageChunks == null ? null : imageChunks.acquire(block.imageChunk());
            try {
                return reader.read(mask, image);
            } finally {
                if (imageChunks != null) {
                    imageChunks.release(block.imageChunk());
                }
            }
        } finally {
            maskChunks.release(block.maskChunk());
        }
    }

    /** A worker's result, its RuntimeException or Error rethrown as is. */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("aggregation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
