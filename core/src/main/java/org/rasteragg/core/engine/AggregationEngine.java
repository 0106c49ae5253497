package org.rasteragg.core.engine;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rasteragg.core.InputValidation;
import org.rasteragg.core.MemoryBudgetException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.kernel.BlockKernel;
import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.kernel.PartialBuffers;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;

/**
 * Runs the one-pass aggregation: every block of the plan is read once (mask and, when needed,
 * image), reduced by a {@link BlockKernel} to a small partial, and merged into one
 * {@link LabelState}.
 *
 * <p>Workers process blocks in parallel with a bounded window in flight, and the calling thread
 * merges their partials strictly in block order. So memory is the global state plus
 * O(threads x block bytes), there are no locks on the state, and the result is bit-for-bit the
 * same for any number of threads.
 *
 * <p>Thread-safe (stateless); each call uses its own workers.
 */
public final class AggregationEngine {

    /** How long a failed run waits for its other workers' chunk reads to end (see stopWorkers). */
    private static final long READERS_GRACE_SECONDS = 30;
    /** Heap kept free for everything else when honouring a memory bound. */
    private static final long RESERVE_BYTES = 64L << 20;

    private AggregationEngine() {
    }

    /**
     * Aggregates the whole of {@code mask} (z, y, x) and {@code image} (c, z, y, x, or null).
     *
     * @throws org.rasteragg.core.InvalidInputException for unusable inputs
     */
    public static LabelState run(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options) {
        InputValidation.validate(mask, image);
        BlockPlan plan = new BlockPlan(mask.grid(), features.needsImage() && image != null ? image.grid() : null);
        return run(mask, image, features, plan, 0, plan.blockCount(), options);
    }

    /**
     * Aggregates blocks {@code [fromBlock, toBlock)} of {@code plan} (what a Spark task does).
     */
    public static LabelState run(ChunkedArray mask, ChunkedArray image, Features features, BlockPlan plan,
            long fromBlock, long toBlock, EngineOptions options) {
        InputValidation.validate(mask, image);
        if (features.needsImage() && image == null) {
            throw new IllegalArgumentException("statistics of image values were requested without an image");
        }
        boolean withImage = features.needsImage();
        if (withImage && plan.imageGrid() == null) {
            throw new IllegalArgumentException("the block plan was made without the image grid");
        }
        int channels = withImage ? (int) image.grid().extent(0) : 0;
        long maskBytes = ChunkCache.entryBytes(mask);
        long imageBytes = withImage ? ChunkCache.entryBytes(image) : 0;
        long scratchBytes = BlockKernel.scratchBytes(Math.min(mask.grid().chunkElements(),
                withImage ? image.grid().chunkElements() : Integer.MAX_VALUE), features, channels);
        long perThread = 2 * (maskBytes + imageBytes) + scratchBytes;
        int threads = threadsWithin(options, perThread);
        long perLabel = resultBytesPerLabel(features, channels);
        LabelState state = new LabelState(features, channels, 4096);
        // Median and quantiles keep each label's sorted values until its last block: a first pass
        // over the mask alone says which block that is. A part of the plan (a Spark task) cannot
        // know, so its labels stay open and are finished when the result is computed.
        LastBlocks last = features.ordered() && fromBlock == 0 && toBlock == plan.blockCount()
                ? LastBlocks.of(mask, plan, threads, options, perThread) : null;
        long lastBytes = last == null ? 0 : last.bytes();
        long blocksTotal = toBlock - fromBlock;
        forEachPartial(mask, withImage ? image : null, features, plan, fromBlock, toBlock, threads, channels,
                (index, partial, done, bytesRead) -> {
                    state.add(partial, last == null ? null : label -> last.of(label) == index);
                    checkStateMemory(options, state, perLabel, perThread * threads, lastBytes,
                            (double) blocksTotal / done);
                    options.progress().blockDone(done, blocksTotal, bytesRead);
                });
        return state;
    }

    /**
     * Receives the partials of the blocks in block order, in the calling thread. A partial's arrays
     * are reused for a later block once {@code accept} returns: a sink copies what it keeps.
     */
    @FunctionalInterface
    interface PartialSink {
        void accept(long blockIndex, BlockPartial partial, long blocksDone, long bytesRead);
    }

    /**
     * Computes the partials of blocks {@code [fromBlock, toBlock)} on {@code threads} workers and
     * hands them to {@code sink} strictly in block order.
     */
    static void forEachPartial(ChunkedArray mask, ChunkedArray image, Features features, BlockPlan plan,
            long fromBlock, long toBlock, int threads, int channels, PartialSink sink) {
        boolean withImage = image != null;
        long blocksTotal = toBlock - fromBlock;
        AtomicLong bytesRead = new AtomicLong();
        BlockChunks chunks = new BlockChunks(mask, withImage ? image : null, plan, threads, bytesRead);
        int[] maskChunkShape = mask.grid().chunkShape();
        int[] imageChunkShape = withImage ? image.grid().chunkShape() : null;

        int windowSize = 2 * threads;
        // The partials' arrays go back to the kernels once merged: at most the window's worth, plus
        // the one being merged, are ever held.
        PartialBuffers buffers = new PartialBuffers(windowSize + 1);
        ThreadLocal<BlockKernel> kernels = ThreadLocal.withInitial(() -> new BlockKernel(features, buffers));
        Task task = index -> {
            Block block = plan.block(index);
            return chunks.read(block, (mask0, img) -> kernels.get().process(block, mask0, mask.dtype(), maskChunkShape,
                    img, withImage ? image.dtype() : null, imageChunkShape, channels));
        };
        // One thread runs each block in place (a completed future); more use a pool. Either way the
        // calling thread merges in block order, so both give the same bits.
        ExecutorService workers = threads == 1 ? null : Executors.newFixedThreadPool(threads, workerThreads());
        try {
            ArrayDeque<Future<BlockPartial>> window = new ArrayDeque<>();
            long next = fromBlock;
            long done = 0;
            while (done < blocksTotal) {
                while (next < toBlock && window.size() < windowSize) {
                    long index = next++;
                    window.addLast(workers == null ? CompletableFuture.completedFuture(task.run(index))
                            : workers.submit(() -> task.run(index)));
                }
                BlockPartial partial = BlockChunks.await(window.removeFirst());
                sink.accept(fromBlock + done, partial, done + 1, bytesRead.get());
                buffers.give(partial);
                done++;
            }
        } finally {
            if (workers != null) {
                stopWorkers(workers);
            }
            buffers.clear();
        }
    }

    /**
     * Interrupts the workers and waits for the reads they are in: after a failed block the others
     * may still be inside the caller's chunk source (a dask array read by Python code), which must not
     * run on once the error has reached the caller. A read that ignores the interrupt is waited for
     * up to {@link #READERS_GRACE_SECONDS}, so that one stuck source cannot hide the error for ever.
     */
    private static void stopWorkers(ExecutorService workers) {
        workers.shutdownNow();
        try {
            workers.awaitTermination(READERS_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Task {
        BlockPartial run(long blockIndex);
    }

    private static int threadsWithin(EngineOptions options, long perThread) {
        if (options.maxMemoryBytes() == 0) {
            return options.threads();
        }
        long available = options.maxMemoryBytes() - RESERVE_BYTES;
        if (available < perThread) {
            throw new MemoryBudgetException(String.format(
                    "a memory bound of %d MB cannot hold one block in flight: each needs %d MB of decoded chunks "
                            + "and scratch, plus %d MB reserved (raise the bound or use smaller chunks)",
                    options.maxMemoryBytes() >> 20, ceilMb(perThread), RESERVE_BYTES >> 20));
        }
        return (int) Math.max(1, Math.min(options.threads(), available / perThread));
    }

    /**
     * Heap bytes per label at the peak of the whole aggregation: building the result
     * ({@code AggregationResult.computeAndRelease}) releases each part of the state once no later
     * statistic needs it, so its peak, at the center of mass, holds the state's labels, counts,
     * coordinate sums and map beside the whole result; at most the state plus, per row, the label,
     * the count, the row-slot maps and the center of mass. Counted from the first label on, so a
     * bound too small for the result is refused while the engine runs, not by running out of heap.
     */
    static long resultBytesPerLabel(Features features, int channels) {
        return LabelState.bytesPerLabel(features, channels) + 8 + 8 + 4 + 4 + (features.center() ? 24 : 0);
    }

    /** @param remainingFactor blocks in all / blocks done: labels so far times it estimate the labels in all */
    private static void checkStateMemory(EngineOptions options, LabelState state, long perLabel, long blocksBytes,
            long lastBlockBytes, double remainingFactor) {
        if (options.maxMemoryBytes() == 0) {
            return;
        }
        long open = state.openValueBytes();
        long need = state.size() * perLabel + open + lastBlockBytes + blocksBytes + RESERVE_BYTES;
        if (need > options.maxMemoryBytes()) {
            String values = open + lastBlockBytes == 0 ? "" : String.format(
                    ", %d MB for the sorted values of labels still open (median, quantiles) and the last-block map",
                    ceilMb(open + lastBlockBytes));
            throw new MemoryBudgetException(String.format(
                    "a memory bound of %d MB is too small: %d labels so far need %d MB of per-label state and "
                            + "result%s, plus %d MB for blocks in flight and %d MB reserved (at this rate all "
                            + "blocks need about %d MB)",
                    options.maxMemoryBytes() >> 20, state.size(), ceilMb(state.size() * perLabel), values,
                    ceilMb(blocksBytes), RESERVE_BYTES >> 20,
                    ceilMb((long) (remainingFactor * (state.size() * perLabel + open)) + lastBlockBytes + blocksBytes
                            + RESERVE_BYTES)));
        }
    }

    /** {@link #checkStateMemory}'s check for the last-block pass, which holds only its map. */
    static void checkMapMemory(EngineOptions options, long mapBytes, long blocksBytes) {
        if (options.maxMemoryBytes() != 0 && mapBytes + blocksBytes + RESERVE_BYTES > options.maxMemoryBytes()) {
            throw new MemoryBudgetException(String.format(
                    "a memory bound of %d MB is too small: the last-block map of the median and quantiles "
                            + "needs %d MB, plus %d MB for blocks in flight and %d MB reserved",
                    options.maxMemoryBytes() >> 20, ceilMb(mapBytes), ceilMb(blocksBytes), RESERVE_BYTES >> 20));
        }
    }

    private static long ceilMb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rasteragg-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
