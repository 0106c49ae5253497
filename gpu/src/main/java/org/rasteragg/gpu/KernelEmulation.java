package org.rasteragg.gpu;

/**
 * The CUDA kernel's arithmetic in Java ({@code reduceBlock} of {@code rasteragg_reduce.cu}), so
 * that the whole host pipeline and the exact conversion to moments are tested where there is no
 * GPU. Keep the two in step: the same walk of {@link #VOXELS_PER_THREAD} voxels per thread, the
 * same runs, the same 128-bit sums with carries, the same layout.
 */
final class KernelEmulation {

    /** VOXELS_PER_THREAD of the CUDA source. */
    static final int VOXELS_PER_THREAD = 16;

    private KernelEmulation() {
    }

    /** Adds one block to {@code acc}, which must hold every global slot of {@code localToGlobal}. */
    static void reduce(StagedBlock b, int[] localToGlobal, boolean signed, Accumulators acc) {
        int voxels = b.voxels();
        int[] e = b.block().extent();
        long[] o = b.block().origin();
        int channels = b.values() == null ? 0 : b.channels();
        long[] lo = new long[4];
        long[] hi = new long[4];
        for (int first = 0; first < voxels; first += VOXELS_PER_THREAD) {
            int end = Math.min(voxels, first + VOXELS_PER_THREAD);
            int i = first;
            while (i < end) {
                int local = b.slots()[i];
                int j = i + 1;
                while (j < end && b.slots()[j] == local) {
                    j++;
                }
                int g = localToGlobal[local];
                acc.counts[g] += j - i;
                if (acc.center) {
                    for (int k = i; k < j; k++) {
                        int row = k / e[2];
                        acc.coords[3 * g] += o[0] + row / e[1];
                        acc.coords[3 * g + 1] += o[1] + row % e[1];
                        acc.coords[3 * g + 2] += o[2] + (k - row * e[2]);
                    }
                }
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(lo, 0);
                    java.util.Arrays.fill(hi, 0);
                    int least = Integer.MAX_VALUE;
                    int most = Integer.MIN_VALUE;
                    for (int k = i; k < j; k++) {
                        int x = value(b.values(), c * voxels + k, signed);
                        least = Math.min(least, x);
                        most = Math.max(most, x);
                        long t = 1; // nextPower of the CUDA source: v^k in 64-bit arithmetic
                        for (int p = 0; p < acc.powers; p++) {
                            t *= x;
                            long s = lo[p] + t;
                            hi[p] += (signed && t < 0 ? -1L : 0L) + (Long.compareUnsigned(s, lo[p]) < 0 ? 1 : 0);
                            lo[p] = s;
                        }
                    }
                    for (int p = 0; p < acc.powers; p++) {
                        add128(acc.sums, acc.sumAt(g, c, p + 1), lo[p], hi[p]);
                    }
                    if (acc.minMax) {
                        int at = g * acc.channels + c;
                        acc.mins[at] = Math.min(acc.mins[at], least);
                        acc.maxs[at] = Math.max(acc.maxs[at], most);
                    }
                }
                i = j;
            }
        }
    }

    /** atomicAdd128 of the CUDA source, without the atomics. */
    static void add128(long[] sums, int at, long lo, long hi) {
        long old = sums[at];
        sums[at] = old + lo;
        sums[at + 1] += hi + (Long.compareUnsigned(old + lo, old) < 0 ? 1 : 0);
    }

    private static int value(Object values, int i, boolean signed) {
        if (values instanceof short[] s) {
            return signed ? s[i] : Short.toUnsignedInt(s[i]);
        }
        byte[] b = (byte[]) values;
        return signed ? b[i] : Byte.toUnsignedInt(b[i]);
    }
}
