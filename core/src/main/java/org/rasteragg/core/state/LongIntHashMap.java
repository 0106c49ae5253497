package org.rasteragg.core.state;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to dense {@code int} values, without boxing:
 * the label-to-slot map of the engine. Linear probing, power-of-two capacity, load factor 0.5.
 * Memory is about 24 bytes per key, independent of how large the keys are.
 *
 * <p>Not thread-safe.
 */
public final class LongIntHashMap {

    /** Returned by {@link #get} for an absent key. */
    public static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;
    private int mask;

    public LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) << 1;
        allocate(capacity);
    }

    public LongIntHashMap() {
        this(16);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    private static int hash(long key) {
        // Murmur3 finalizer: labels are often consecutive, spread them over the table.
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    public int size() {
        return size;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    public int get(long key) {
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /**
     * The value of {@code key}; when absent, stores {@code valueIfAbsent} and returns it. The caller
     * checks {@link #size()} before and after to learn whether the key was new.
     */
    public int getOrPut(long key, int valueIfAbsent) {
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = valueIfAbsent;
        if (++size * 2 > keys.length) {
            rehash();
        }
        return valueIfAbsent;
    }

    /** Removes every key, keeping the capacity (for per-block maps that are reused). */
    public void clear() {
        if (size > 0) {
            Arrays.fill(used, false);
            size = 0;
        }
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        allocate(keys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = hash(oldKeys[j]) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
