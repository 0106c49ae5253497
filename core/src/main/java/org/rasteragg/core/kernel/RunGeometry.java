package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.state.Int128;

/**
 * Per-slot bounding boxes and exact coordinate moments (orders 1 and 2) of one block, from its
 * runs: a run of row (z, y) over x in {@code [from, to)} adds closed-form sums, so the cost is per
 * run, never per voxel. Coordinates are block-local in longs (exact: a block holds below 2^31
 * voxels at local coordinates below 2^16 for any chunk shape in use); {@link #fill} moves them to
 * the global origin in 128-bit arithmetic.
 *
 * <p>Scratch of one {@link BlockKernel}: not thread-safe.
 */
final class RunGeometry {

    /** Local moments per slot: z, y, x, zz, yy, xx, zy, zx, yx. */
    static final int MOMENTS = 9;
    /** Global moments per label in a {@link BlockPartial}: z, y, x, then 6 second moments as (hi, lo). */
    static final int PARTIAL_MOMENTS = 3 + 6 * 2;

    private final boolean bbox;
    private final boolean axes;
    /** Per slot: min z, y, x (inclusive) and max z, y, x (exclusive), block-local. */
    private int[] box = new int[6 * 256];
    private long[] m = new long[MOMENTS * 256];

    RunGeometry(boolean bbox, boolean axes) {
        this.bbox = bbox;
        this.axes = axes;
    }

    boolean active() {
        return bbox || axes;
    }

    /** Makes room for slot {@code slot} and resets it. */
    void reset(int slot) {
        if (bbox) {
            if (box.length < 6 * (slot + 1)) {
                box = Arrays.copyOf(box, Math.max(6 * (slot + 1), box.length * 2));
            }
            int b = 6 * slot;
            box[b] = Integer.MAX_VALUE;
            box[b + 1] = Integer.MAX_VALUE;
            box[b + 2] = Integer.MAX_VALUE;
            box[b + 3] = 0;
            box[b + 4] = 0;
            box[b + 5] = 0;
        }
        if (axes) {
            if (m.length < MOMENTS * (slot + 1)) {
                m = Arrays.copyOf(m, Math.max(MOMENTS * (slot + 1), m.length * 2));
            }
            Arrays.fill(m, MOMENTS * slot, MOMENTS * (slot + 1), 0L);
        }
    }

    /** The run of row (z, y) over x in {@code [from, to)}, all block-local. */
    void run(int slot, int z, int y, int from, int to) {
        if (bbox) {
            int b = 6 * slot;
            box[b] = Math.min(box[b], z);
            box[b + 1] = Math.min(box[b + 1], y);
            box[b + 2] = Math.min(box[b + 2], from);
            box[b + 3] = Math.max(box[b + 3], z + 1);
            box[b + 4] = Math.max(box[b + 4], y + 1);
            box[b + 5] = Math.max(box[b + 5], to);
        }
        if (axes) {
            long n = to - from;
            long sx = (long) from * n + n * (n - 1) / 2;
            long sxx = squares(to) - squares(from);
            int b = MOMENTS * slot;
            m[b] += z * n;
            m[b + 1] += y * n;
            m[b + 2] += sx;
            m[b + 3] += (long) z * z * n;
            m[b + 4] += (long) y * y * n;
            m[b + 5] += sxx;
            m[b + 6] += (long) z * y * n;
            m[b + 7] += z * sx;
            m[b + 8] += y * sx;
        }
    }

    /** 0^2 + 1^2 + ... + (k - 1)^2. */
    private static long squares(long k) {
        return (k - 1) * k * (2 * k - 1) / 6;
    }

    /** Writes the global boxes and moments of slots {@code [0, labels)} into {@code p}. */
    void fill(BlockPartial p, long[] counts, long[] origin, int labels) {
        if (bbox) {
            long[] out = new long[6 * labels];
            for (int k = 0; k < labels; k++) {
                for (int a = 0; a < 6; a++) {
                    out[6 * k + a] = box[6 * k + a] + origin[a % 3];
                }
            }
            p.bbox = out;
        }
        if (axes) {
            long[] out = new long[PARTIAL_MOMENTS * labels];
            for (int k = 0; k < labels; k++) {
                globalMoments(k, counts[k], origin, out, PARTIAL_MOMENTS * k);
            }
            p.axisMoments = out;
        }
    }

    /** S_a = s_a + n o_a and S_ab = s_ab + o_a s_b + o_b s_a + n o_a o_b, the latter in 128 bits. */
    private void globalMoments(int k, long n, long[] o, long[] out, int at) {
        int b = MOMENTS * k;
        for (int a = 0; a < 3; a++) {
            out[at + a] = m[b + a] + n * o[a];
        }
        // second moments in the order zz, yy, xx, zy, zx, yx
        int[][] pairs = PAIRS;
        for (int q = 0; q < 6; q++) {
            int i = pairs[q][0];
            int j = pairs[q][1];
            int w = at + 3 + 2 * q;
            Int128.add(out, w, m[b + 3 + q]);
            Int128.addProduct(out, w, o[i], m[b + j]);
            Int128.addProduct(out, w, o[j], m[b + i]);
            Int128.addProduct(out, w, n * o[i], o[j]);
        }
    }

    /** The axes (0 = z, 1 = y, 2 = x) of each second moment, in storage order. */
    static final int[][] PAIRS = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
}
