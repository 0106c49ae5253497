package org.rasteragg.core.kernel;

/**
 * Sorts a block's values of one channel by (slot, value) with a least-significant-digit radix sort:
 * every voxel becomes the int key {@code slot << 16 | (value - min)}, which is sorted stably by its
 * value digits (one pass of up to 2^11 bins for a narrow range, else two bytes) and then scattered
 * to its slot's place (the offsets are the slot counts). Linear in the voxels, where a sort of each
 * label's ~200 values took most of the median and quantiles' time. Applies to a block whose values
 * span less than 2^16 (8- and 16-bit images, narrow 32-bit ones) and that has fewer than 2^15
 * labels; {@link #sort} says when it does not.
 *
 * <p>The result is each slot's values in ascending order: the same (value, count) pairs as any other
 * sort. Scratch of one kernel: not thread-safe.
 */
final class SlotValueSort {

    private static final int VALUE_BITS = 16;
    private static final int ONE_PASS_BINS = 1 << 11;

    private int[] keys = new int[0];
    private int[] swap = new int[0];
    private int[] bins = new int[ONE_PASS_BINS];
    private int[] cursor = new int[0];

    /** Scratch bytes per voxel (the two key arrays). */
    static final int BYTES_PER_VOXEL = 8;

    /**
     * Writes slot k's values of {@code values[0, voxels)}, ascending, to {@code out[start[k],
     * start[k + 1])}.
     *
     * @param slotOf the slot of each voxel
     * @param start {@code labels + 1} offsets: where each slot's values begin (from the slot counts)
     * @return false (and nothing written) when the block's values or labels do not fit the keys
     */
    boolean sort(int[] values, int[] slotOf, int voxels, int labels, int[] start, int[] out) {
        if (labels >= 1 << (31 - VALUE_BITS) || voxels == 0) {
            return false;
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int v = 0; v < voxels; v++) {
            lo = Math.min(lo, values[v]);
            hi = Math.max(hi, values[v]);
        }
        long range = (long) hi - lo + 1;
        if (range > 1 << VALUE_BITS) {
            return false;
        }
        if (keys.length < voxels) {
            keys = new int[voxels];
            swap = new int[voxels];
        }
        if (cursor.length < labels) {
            cursor = new int[Math.max(labels, 2 * cursor.length)];
        }
        int[] k = keys;
        for (int v = 0; v < voxels; v++) {
            k[v] = (slotOf[v] << VALUE_BITS) | (values[v] - lo);
        }
        int[] sorted;
        if (range <= ONE_PASS_BINS) {
            digitPass(k, swap, voxels, 0, ONE_PASS_BINS - 1, (int) range);
            sorted = swap;
        } else {
            digitPass(k, swap, voxels, 0, 0xFF, 256);
            digitPass(swap, k, voxels, 8, 0xFF, (int) ((range - 1) >>> 8) + 1);
            sorted = k;
        }
        int[] at = cursor;
        System.arraycopy(start, 0, at, 0, labels);
        int mask = (1 << VALUE_BITS) - 1;
        for (int v = 0; v < voxels; v++) {
            int key = sorted[v];
            out[at[key >>> VALUE_BITS]++] = (key & mask) + lo;
        }
        return true;
    }

    /** One stable counting pass of {@code src} into {@code dst} by digit {@code (key >>> shift) & mask}. */
    private void digitPass(int[] src, int[] dst, int n, int shift, int mask, int binCount) {
        int[] b = bins;
        for (int i = 0; i < n; i++) {
            b[(src[i] >>> shift) & mask]++;
        }
        int total = 0;
        for (int d = 0; d < binCount; d++) {
            int count = b[d];
            b[d] = total;
            total += count;
        }
        for (int i = 0; i < n; i++) {
            int key = src[i];
            dst[b[(key >>> shift) & mask]++] = key;
        }
        java.util.Arrays.fill(b, 0, binCount, 0);
    }
}
