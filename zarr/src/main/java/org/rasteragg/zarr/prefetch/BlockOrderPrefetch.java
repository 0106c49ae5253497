package org.rasteragg.zarr.prefetch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.engine.BlockChunks;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.plan.BlockPlan;

/**
 * Reads the chunks of a run ahead of the engine, in the engine's own block order, so that a remote
 * store has many requests in flight while the engine's few threads compute: every chunk that blocks
 * {@code [from, to)} of the plan need, mask chunk then the image's channel chunks at that position,
 * each once, in the order of the first block that needs it (the order in which the engine's chunk
 * cache asks for them). Up to {@code requests} reads run at once on the prefetcher's own threads;
 * the decoded chunks read ahead and in flight never exceed {@link #budgetBytes()} (one chunk at
 * least), a bound the caller subtracts from the engine's memory bound.
 *
 * <p>Hand the engine {@link #mask()} and {@link #image()} instead of the sources: a chunk read ahead
 * is copied out (and its bytes freed for the next read), any other is read directly. The values
 * are those of the sources, so results are bit for bit those without prefetch. A failed read fails
 * the engine's read of that chunk with the source's own exception. Thread-safe; {@link #close}
 * stops the reads.
 */
public final class BlockOrderPrefetch implements AutoCloseable {

    /** Decoded bytes read ahead when the caller does not say. */
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;
    /** Reads in flight when the caller does not say: enough to hide ~10 ms of latency per request. */
    public static final int DEFAULT_REQUESTS = 16;

    private final BlockPlan plan;
    private final long to;
    private final long budget;
    private final Source[] sources;
    private final ExecutorService readers;
    private final Object lock = new Object();
    private final ArrayDeque<Item> lookahead = new ArrayDeque<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private long nextBlock;
    private long reserved;
    private boolean closed;

    private record Item(int source, long key, long[] position) {
    }

    /**
     * Starts reading ahead.
     *
     * @param image null for a mask-only run
     * @param budgetBytes decoded bytes read ahead at most (one chunk column at least)
     * @param requests reads in flight at most
     */
    public static BlockOrderPrefetch start(ChunkedArray mask, ChunkedArray image, BlockPlan plan, long fromBlock,
            long toBlock, long budgetBytes, int requests) {
        BlockOrderPrefetch p = new BlockOrderPrefetch(mask, image, plan, fromBlock, toBlock, budgetBytes, requests);
        p.topUp();
        return p;
    }

    /**
     * Starts reading ahead for a whole run over {@code mask} (z, y, x) and {@code image} (c, z, y, x;
     * null when no statistic needs image values), as {@code AggregationEngine.run} plans it.
     */
    public static BlockOrderPrefetch start(ChunkedArray mask, ChunkedArray image, long budgetBytes, int requests) {
        BlockPlan plan = new BlockPlan(mask.grid(), image == null ? null : image.grid());
        return start(mask, image, plan, 0, plan.blockCount(), budgetBytes, requests);
    }

    private BlockOrderPrefetch(ChunkedArray mask, ChunkedArray image, BlockPlan plan, long fromBlock, long toBlock,
            long budgetBytes, int requests) {
        if (requests < 1 || budgetBytes < 0) {
            throw new IllegalArgumentException("prefetch needs at least 1 request and a budget >= 0: " + requests
                    + ", " + budgetBytes);
        }
        this.plan = plan;
        this.nextBlock = fromBlock;
        this.to = toBlock;
        this.budget = budgetBytes;
        this.sources = image == null || plan.imageGrid() == null ? new Source[] {new Source(0, mask)}
                : new Source[] {new Source(0, mask), new Source(1, image)};
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(requests, r -> {
            Thread t = new Thread(r, "rasteragg-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A good budget within an engine memory bound ({@code 0} = unbounded): a quarter of it, at most the default. */
    public static long budgetWithin(long maxMemoryBytes) {
        return maxMemoryBytes == 0 ? DEFAULT_BUDGET_BYTES : Math.min(DEFAULT_BUDGET_BYTES, maxMemoryBytes / 4);
    }

    /** The mask to hand the engine. */
    public ChunkedArray mask() {
        return sources[0];
    }

    /** The image to hand the engine (null for a mask-only run). */
    public ChunkedArray image() {
        return sources.length > 1 ? sources[1] : null;
    }

    /** The most decoded bytes this prefetch holds at once. */
    public long budgetBytes() {
        return budget;
    }

    /** The most reads that ran at the same time so far. */
    public int peakInFlight() {
        return peak.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            for (Source s : sources) {
                s.pending.values().forEach(f -> f.cancel(true));
                s.pending.clear();
            }
        }
        readers.shutdownNow();
    }

    /** Starts reads in block order while the budget allows. */
    private void topUp() {
        synchronized (lock) {
            while (!closed) {
                Item item = peekNext();
                if (item == null) {
                    return;
                }
                Source s = sources[item.source()];
                if (reserved > 0 && reserved + s.chunkBytes > budget) {
                    return;
                }
                lookahead.poll();
                reserved += s.chunkBytes;
                s.pending.put(item.key(), readers.submit(() -> s.readAhead(item.position())));
            }
        }
    }

    /** The next chunk in block order not yet asked for, or null at the end; caller holds the lock. */
    private Item peekNext() {
        while (true) {
            while (!lookahead.isEmpty()) {
                Item head = lookahead.peek();
                if (!sources[head.source()].taken.remove(head.key())) {
                    return head;
                }
                lookahead.poll();
            }
            if (nextBlock >= to) {
                return null;
            }
            Block b = plan.block(nextBlock++);
            sources[0].enqueue(b.maskChunk(), false);
            if (sources.length > 1) {
                sources[1].enqueue(b.imageChunk(), true);
            }
        }
    }

    /** One array as the engine sees it, its chunks served from the reads ahead. */
    private final class Source implements ChunkedArray {
        final int id;
        final ChunkedArray array;
        final ChunkGrid grid;
        final long chunkBytes;
        final Map<Long, Future<Object>> pending = new HashMap<>();
        /** Chunks the engine read itself before the prefetch reached them. */
        final Set<Long> taken = new HashSet<>();
        /** Chunks put in the look-ahead already (each is read once). */
        final Set<Long> queued = new HashSet<>();

        Source(int id, ChunkedArray array) {
            this.id = id;
            this.array = array;
            this.grid = array.grid();
            this.chunkBytes = (long) grid.chunkElements() * array.dtype().byteSize();
        }

        /** Queues the chunk at spatial position {@code zyx}: all its channel chunks when {@code channels}. */
        void enqueue(long[] zyx, boolean channels) {
            int lead = grid.ndim() - zyx.length;
            long columns = channels && lead == 1 ? grid.gridExtent(0) : 1;
            for (long c = 0; c < columns; c++) {
                long[] p = new long[grid.ndim()];
                System.arraycopy(zyx, 0, p, lead, zyx.length);
                if (lead == 1) {
                    p[0] = c;
                }
                long key = key(p);
                if (queued.add(key)) {
                    lookahead.add(new Item(id, key, p));
                }
            }
        }

        long key(long[] p) {
            long k = 0;
            for (int d = 0; d < p.length; d++) {
                k = k * grid.gridExtent(d) + p[d];
            }
            return k;
        }

        Object readAhead(long[] position) {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Object buffer = array.dtype().allocate(grid.chunkElements());
                array.readChunk(position, buffer);
                return buffer;
            } finally {
                active.decrementAndGet();
            }
        }

        @Override
        public DType dtype() {
            return array.dtype();
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] gridPosition, Object destination) {
            long key = key(gridPosition);
            Future<Object> ahead;
            synchronized (lock) {
                ahead = pending.remove(key);
                if (ahead == null && !queued.contains(key)) {
                    queued.add(key);
                } else if (ahead == null) {
                    taken.add(key);
                }
            }
            if (ahead == null) {
                array.readChunk(gridPosition, destination);
                return;
            }
            try {
                System.arraycopy(await(ahead), 0, destination, 0, grid.chunkElements());
            } finally {
                synchronized (lock) {
                    reserved -= chunkBytes;
                }
                topUp();
            }
        }

        @Override
        public String description() {
            return array.description();
        }
    }

    private static Object await(Future<Object> f) {
        return BlockChunks.await(f);
    }
}
