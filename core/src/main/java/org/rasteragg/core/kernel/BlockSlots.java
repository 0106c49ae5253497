package org.rasteragg.core.kernel;

import org.rasteragg.core.state.LongIntHashMap;

/**
 * The block-local label-to-slot map of {@link BlockKernel}: a table indexed by the label's low bits
 * in front of a {@link LongIntHashMap}. Each label lives in one place: in the table entry of its
 * low bits when that entry was free on its first sight in the block, else in the hash map.
 *
 * <p>Why: at 16 voxels per label a 1024^2 block has about 60,000 labels, and the hash map's lookups
 * (each a cache miss, since hashing scatters neighbouring labels) were a fifth of a run. Masks
 * number their cells in scan order or by tile, so the labels of one block mostly span a range
 * smaller than the table and neighbouring cells have neighbouring entries: almost every label is
 * found in the table, at the cost of one comparison. Labels spread at random still land mostly in
 * free entries; the rest go to the hash map, as before.
 *
 * <p>Not thread-safe; one per kernel.
 */
final class BlockSlots {

    /** Table entries per block voxel at most (a power of two, rounded down): 3 bytes per voxel. */
    private static final int VOXELS_PER_ENTRY = 4;
    private static final int MIN_ENTRIES = 1 << 10;

    private final LongIntHashMap hashed = new LongIntHashMap(4096);
    private boolean hashedUsed;
    private long[] tableLabels = new long[0];
    /** Slot + 1 of the label in {@link #tableLabels} (0: free). */
    private int[] tableSlots = new int[0];
    private int mask;

    /** Scratch bytes of the table for a block of {@code voxels} voxels. */
    static long bytes(long voxels) {
        return entries(voxels) * (long) (Long.BYTES + Integer.BYTES);
    }

    private static int entries(long voxels) {
        long n = Long.highestOneBit(Math.max(MIN_ENTRIES, voxels / VOXELS_PER_ENTRY));
        return (int) Math.min(n, 1 << 24);
    }

    /** Makes the map ready for a block of {@code voxels} voxels; it must be empty (new or {@link #clear}ed). */
    void startBlock(long voxels) {
        int n = entries(voxels);
        if (tableSlots.length < n) {
            tableLabels = new long[n];
            tableSlots = new int[n];
            mask = n - 1;
        }
    }

    /** The slot of {@code label}; {@code next} (and the label is new) when it has none yet. */
    int getOrPut(long label, int next) {
        int i = (int) label & mask;
        int held = tableSlots[i];
        if (held == 0) {
            // Entries are only freed by clear: a free entry means the label was never seen.
            tableLabels[i] = label;
            tableSlots[i] = next + 1;
            return next;
        }
        if (tableLabels[i] == label) {
            return held - 1;
        }
        hashedUsed = true;
        return hashed.getOrPut(label, next);
    }

    /** Empties the map, given the {@code count} labels of the block (in O(count), not O(table)). */
    void clear(long[] labels, int count) {
        for (int k = 0; k < count; k++) {
            tableSlots[(int) labels[k] & mask] = 0;
        }
        if (hashedUsed) {
            hashed.clear();
            hashedUsed = false;
        }
    }
}
