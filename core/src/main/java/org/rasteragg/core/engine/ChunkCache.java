package org.rasteragg.core.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;

/**
 * Decoded chunks shared by the blocks that lie in them, each decoded exactly once: an entry lives
 * from the first block that needs it until the last one releases it (the plan says how many use
 * each chunk). For the mask a chunk is one buffer; for the image it is the column of all channel
 * chunks at one spatial position, read together. Released buffers are pooled for reuse, so steady
 * state allocates nothing.
 *
 * <p>Thread-safe.
 */
final class ChunkCache {

    private final ChunkedArray array;
    private final boolean hasChannelAxis;
    private final int channelChunks;
    private final ChunkGrid grid;
    private final ToLongFunction<long[]> uses;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Object[]> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private final int poolLimit;
    private final AtomicLong bytesRead;

    private static final class Entry {
        final long[] chunk;
        long remaining;
        Object[] buffers;

        Entry(long[] chunk, long remaining) {
            this.chunk = chunk;
            this.remaining = remaining;
        }
    }

    /**
     * @param array the mask (z, y, x) or the image (c, z, y, x)
     * @param uses how many blocks lie in the chunk at a spatial grid position
     * @param poolLimit how many released chunk buffers to keep for reuse
     * @param bytesRead counter of decoded bytes, for progress
     */
    ChunkCache(ChunkedArray array, ToLongFunction<long[]> uses, int poolLimit, AtomicLong bytesRead) {
        this.array = array;
        this.grid = array.grid();
        this.hasChannelAxis = grid.ndim() == 4;
        this.channelChunks = hasChannelAxis ? (int) grid.gridExtent(0) : 1;
        this.uses = uses;
        this.poolLimit = poolLimit;
        this.bytesRead = bytesRead;
    }

    /** Bytes held by one entry (all its buffers). */
    static long entryBytes(ChunkedArray array) {
        ChunkGrid g = array.grid();
        long channelChunks = g.ndim() == 4 ? g.gridExtent(0) : 1;
        return channelChunks * g.chunkElements() * (long) array.dtype().byteSize();
    }

    private long key(long[] spatial) {
        int off = hasChannelAxis ? 1 : 0;
        return (spatial[0] * grid.gridExtent(off + 1) + spatial[1]) * grid.gridExtent(off + 2) + spatial[2];
    }

    /** The decoded buffers of the chunk(s) at spatial grid position {@code spatial}, reading them if needed. */
    Object[] acquire(long[] spatial) {
        Entry entry = entries.computeIfAbsent(key(spatial), k -> new Entry(spatial.clone(), uses.applyAsLong(spatial)));
        synchronized (entry) {
            if (entry.buffers == null) {
                entry.buffers = read(spatial);
            }
            return entry.buffers;
        }
    }

    /** Tells the cache one block is done with the chunk; the last release frees it. */
    void release(long[] spatial) {
        long key = key(spatial);
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (--entry.remaining > 0) {
                return;
            }
            entries.remove(key);
            if (entry.buffers != null && pooled.incrementAndGet() <= poolLimit) {
                pool.offer(entry.buffers);
            } else {
                pooled.decrementAndGet();
            }
        }
    }

    private Object[] read(long[] spatial) {
        Object[] buffers = pool.poll();
        if (buffers != null) {
            pooled.decrementAndGet();
        } else {
            buffers = new Object[channelChunks];
            for (int c = 0; c < channelChunks; c++) {
                buffers[c] = array.dtype().allocate(grid.chunkElements());
            }
        }
        long[] position = new long[grid.ndim()];
        int off = hasChannelAxis ? 1 : 0;
        System.arraycopy(spatial, 0, position, off, 3);
        for (int c = 0; c < channelChunks; c++) {
            if (hasChannelAxis) {
                position[0] = c;
            }
            array.readChunk(position, buffers[c]);
        }
        bytesRead.addAndGet((long) channelChunks * grid.chunkElements() * array.dtype().byteSize());
        return buffers;
    }
}
