package org.rasteragg.core.engine;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LongIntHashMap;

/**
 * For every label of a mask, the last block of a plan (in block order) that holds it: what the
 * median and quantiles need to drop a label's sorted values as soon as it is complete. Built by a
 * pass over the mask alone (no image is read), about 32 bytes per label.
 *
 * <p>Immutable after {@link #of}; reads are thread-safe.
 */
final class LastBlocks {

    private final LongIntHashMap slots;
    private long[] last = new long[1024];
    private int size;

    private LastBlocks(int expected) {
        slots = new LongIntHashMap(expected);
    }

    /** The last block of every label of {@code mask} in {@code plan}. */
    static LastBlocks of(ChunkedArray mask, BlockPlan plan, int threads, EngineOptions options, long perThread) {
        LastBlocks out = new LastBlocks(4096);
        Features labelsOnly = new Features(0, false, false);
        AggregationEngine.forEachPartial(mask, null, labelsOnly, plan, 0, plan.blockCount(), threads, 0,
                (index, partial, done, bytesRead) -> {
                    for (int k = 0; k < partial.labelCount; k++) {
                        out.put(partial.labels[k], index);
                    }
                    AggregationEngine.checkMapMemory(options, out.bytes(), perThread * threads);
                });
        return out;
    }

    private void put(long label, long block) {
        int slot = slots.getOrPut(label, size);
        if (slot == size) {
            if (size == last.length) {
                last = Arrays.copyOf(last, 2 * size);
            }
            size++;
        }
        last[slot] = block;
    }

    /** The last block holding {@code label}, or -1 for a label not in the mask. */
    long of(long label) {
        int slot = slots.get(label);
        return slot < 0 ? -1 : last[slot];
    }

    /** Approximate heap bytes. */
    long bytes() {
        return 32L * size + 8L * last.length;
    }
}
