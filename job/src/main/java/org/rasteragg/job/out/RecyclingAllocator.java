package org.rasteragg.job.out;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Heap buffers for parquet-mr's page and column-chunk buffers, handed out again once released:
 * every page's values are collected in fresh slabs that are released when the page is written,
 * so without reuse a file allocates (and zeroes) about three times its size. Only buffers this
 * allocator handed out and has not taken back are taken back (a second release of one is ignored).
 * Not thread-safe: one per encoding thread.
 */
final class RecyclingAllocator implements ByteBufferAllocator {

    /** Released buffers by capacity. */
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();
    private final Set<ByteBuffer> lent = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public ByteBuffer allocate(int size) {
        ArrayDeque<ByteBuffer> same = free.get(size);
        ByteBuffer b = same == null || same.isEmpty() ? ByteBuffer.allocate(size) : same.pop().clear().order(ByteOrder.BIG_ENDIAN);
        lent.add(b);
        return b;
    }

    @Override
    public void release(ByteBuffer b) {
        if (lent.remove(b)) {
            free.computeIfAbsent(b.capacity(), c -> new ArrayDeque<>()).push(b);
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }
}
