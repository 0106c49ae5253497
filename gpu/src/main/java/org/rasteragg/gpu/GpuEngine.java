package org.rasteragg.gpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.rasteragg.core.InputValidation;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.engine.BlockChunks;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.state.LongIntHashMap;

/**
 * The accelerated aggregation's host side. Worker threads decode the chunks of each block (through
 * core's {@link BlockChunks}, each chunk once) and stage it ({@link BlockStager}); the calling thread
 * takes the staged blocks in block order, gives each new label the next dense global slot and hands
 * the block to a {@link DeviceReducer}, which streams it to the device while the workers decode the
 * next ones. At the end the exact power sums come back in batches of slots and become a
 * {@link LabelState} ({@link ExactMoments}), as the CPU engine's would be.
 *
 * <p>Slots are given in first-seen block order and every sum is an exact integer, so the result
 * does not depend on the number of threads or the order of the device's atomics.
 *
 * <p>Thread-safe (stateless); each call uses its own workers.
 */
final class GpuEngine {

    /** Slots converted per batch at the end (bounds the host copy of the device state). */
    static final int READ_BATCH = 1 << 16;

    private GpuEngine() {
    }

    /**
     * What a run gives: the state and where the time went (nanoseconds).
     *
     * @param decodeNanos worker time reading and staging blocks (summed over threads)
     * @param wallNanos the whole call
     */
    record Run(LabelState state, DeviceReducer.Timings device, long decodeNanos, long wallNanos, long blocks) {
    }

    /**
     * Aggregates the whole of {@code mask} and {@code image} (null when the features need no
     * values) on the reducer that {@code reducers} makes for (channels, powers); closes it.
     */
    static Run run(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options,
            Function<Integer, DeviceReducer> reducers) {
        long start = System.nanoTime();
        InputValidation.validate(mask, image);
        boolean withImage = features.needsImage();
        if (withImage && image == null) {
            throw new IllegalArgumentException("statistics of image values were requested without an image");
        }
        BlockPlan plan = new BlockPlan(mask.grid(), withImage ? image.grid() : null);
        int channels = withImage ? (int) image.grid().extent(0) : 0;
        int threads = options.threads();
        AtomicLong bytesRead = new AtomicLong();
        AtomicLong decodeNanos = new AtomicLong();
        BlockChunks chunks = new BlockChunks(mask, withImage ? image : null, plan, threads, bytesRead);
        int[] maskShape = mask.grid().chunkShape();
        int[] imageShape = withImage ? image.grid().chunkShape() : null;
        ThreadLocal<BlockStager> stagers = ThreadLocal.withInitial(BlockStager::new);
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemonThreads());
        try (DeviceReducer reducer = reducers.apply(channels)) {
            LongIntHashMap globalSlots = new LongIntHashMap(1 << 16);
            long[] globalLabels = new long[1 << 12];
            int slotCount = 0;
            ArrayDeque<Future<StagedBlock>> window = new ArrayDeque<>();
            long blocks = plan.blockCount();
            int windowSize = windowSize(threads, maxStagedBytes(plan, channels, withImage ? image.dtype().byteSize() : 0));
            long next = 0;
            for (long done = 0; done < blocks; done++) {
                while (next < blocks && window.size() < windowSize) {
                    long index = next++;
                    window.addLast(workers.submit(() -> {
                        long t0 = System.nanoTime();
                        Block block = plan.block(index);
                        try {
                            return chunks.read(block, (m, img) -> stagers.get().stage(block, m, mask.dtype(), maskShape,
                                    img, withImage ? image.dtype() : null, imageShape, channels));
                        } finally {
                            decodeNanos.addAndGet(System.nanoTime() - t0);
                        }
                    }));
                }
                StagedBlock b = BlockChunks.await(window.removeFirst());
                int[] localToGlobal = new int[b.labelCount()];
                for (int l = 0; l < b.labelCount(); l++) {
                    int slot = globalSlots.getOrPut(b.labels()[l], slotCount);
                    if (slot == slotCount) {
                        if (slotCount == globalLabels.length) {
                            globalLabels = Arrays.copyOf(globalLabels, 2 * slotCount);
                        }
                        globalLabels[slotCount++] = b.labels()[l];
                    }
                    localToGlobal[l] = slot;
                }
                reducer.ensureSlots(slotCount);
                reducer.reduce(b, localToGlobal);
                options.progress().blockDone(done + 1, blocks, bytesRead.get());
            }
            LabelState state = collect(reducer, globalLabels, slotCount, features, channels, workers);
            return new Run(state, reducer.timings(), decodeNanos.get(), System.nanoTime() - start, blocks);
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Staged blocks in flight: two per worker, as on the CPU engine, but no more than a quarter of
     * the heap holds (a staged block is 4 bytes of slot per voxel plus its values).
     */
    static int windowSize(int threads, long blockBytes) {
        long budget = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(2, Math.min(2L * threads, budget / Math.max(1, blockBytes)));
    }

    /** Bytes of the largest staged block of the plan (a whole mask chunk, at most). */
    private static long maxStagedBytes(BlockPlan plan, int channels, int valueBytes) {
        long voxels = plan.maskGrid().chunkElements();
        if (plan.imageGrid() != null) {
            int[] c = plan.imageGrid().chunkShape();
            voxels = Math.min(voxels, (long) c[1] * c[2] * c[3]);
        }
        return voxels * (4L + (long) channels * valueBytes);
    }

    /** Reads the accumulators back batch by batch; workers convert batches while the next is read. */
    private static LabelState collect(DeviceReducer reducer, long[] labels, int slots, Features features,
            int channels, ExecutorService workers) {
        LabelState state = new LabelState(features, channels, Math.max(16, slots));
        ArrayDeque<Future<org.rasteragg.core.kernel.BlockPartial>> pending = new ArrayDeque<>();
        for (int from = 0; from < slots; from += READ_BATCH) {
            int to = Math.min(slots, from + READ_BATCH);
            Accumulators acc = reducer.read(from, to);
            long[] batchLabels = Arrays.copyOfRange(labels, from, to);
            pending.addLast(workers.submit(() -> ExactMoments.partial(acc, batchLabels, 0, batchLabels.length,
                    features)));
            if (pending.size() > 4) {
                state.add(BlockChunks.await(pending.removeFirst()));
            }
        }
        while (!pending.isEmpty()) {
            state.add(BlockChunks.await(pending.removeFirst()));
        }
        return state;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rasteragg-gpu-stager-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
