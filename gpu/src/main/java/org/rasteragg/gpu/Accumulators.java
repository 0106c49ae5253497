package org.rasteragg.gpu;

import java.util.Arrays;

/**
 * The kernel's accumulators for a range of global slots, in the device layout (see
 * {@code rasteragg_reduce.cu}): per slot its count and coordinate sums, per slot and channel the
 * power sums {@code sum(v^k)}, k = 1..powers, as 128-bit two's complement integers (low, high
 * word) and min and max. Slot {@code s} of the range is index {@code s - from}. Not thread-safe.
 */
final class Accumulators {

    final int channels;
    final int powers;
    final boolean center;
    final boolean minMax;
    long[] counts;
    long[] coords;
    long[] sums;
    int[] mins;
    int[] maxs;
    int slots;

    /** Empty accumulators (as the device initialises them) for {@code slots} slots. */
    Accumulators(int slots, int channels, int powers, boolean center, boolean minMax) {
        this.channels = channels;
        this.powers = powers;
        this.center = center;
        this.minMax = minMax;
        this.slots = 0;
        counts = new long[0];
        coords = new long[0];
        sums = new long[0];
        mins = new int[0];
        maxs = new int[0];
        grow(slots);
    }

    /** Grows to {@code n} slots, the new ones empty. */
    void grow(int n) {
        if (n <= slots) {
            return;
        }
        int old = slots;
        counts = Arrays.copyOf(counts, n);
        coords = center ? Arrays.copyOf(coords, 3 * n) : coords;
        sums = Arrays.copyOf(sums, n * channels * powers * 2);
        if (minMax) {
            mins = Arrays.copyOf(mins, n * channels);
            maxs = Arrays.copyOf(maxs, n * channels);
            Arrays.fill(mins, old * channels, n * channels, Integer.MAX_VALUE);
            Arrays.fill(maxs, old * channels, n * channels, Integer.MIN_VALUE);
        }
        slots = n;
    }

    /** Index of the low word of {@code sum(v^k)} of (slot, channel). */
    int sumAt(int slot, int channel, int k) {
        return ((slot * channels + channel) * powers + (k - 1)) * 2;
    }
}
