package org.rasteragg.core.kernel;

import java.util.Arrays;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.Features;

/**
 * Exact min and max of an int64 or uint64 image, run by run over the raw 64-bit values, beside the
 * kernel's float64 first pass (float64 holds integers exactly only up to 2^53). A uint64 value is
 * compared unsigned: accumulated with its sign bit flipped, so that one signed comparison orders it.
 * Holds scratch buffers: one instance per kernel, not thread-safe.
 */
final class Int64RunExtremes {

    private final boolean unsigned;
    /** The bit flipped before comparing: the sign bit for uint64, none for int64. */
    private final long flip;
    private long[] row = new long[0];
    private long[] lo = new long[256];
    private long[] hi = new long[256];

    private Int64RunExtremes(boolean unsigned) {
        this.unsigned = unsigned;
        this.flip = unsigned ? Long.MIN_VALUE : 0L;
    }

    /** The tracker of an image of {@code type} for {@code features}, or null when none is needed. */
    static Int64RunExtremes of(Features features, DType type) {
        return features.minMax() && (type == DType.INT64 || type == DType.UINT64)
                ? new Int64RunExtremes(type == DType.UINT64) : null;
    }

    /** Whether this tracks an image of {@code type}. */
    boolean handles(DType type) {
        return type == (unsigned ? DType.UINT64 : DType.INT64);
    }

    /** Gives the partial its exact min/max arrays. */
    void startBlock(BlockPartial p, int labelCount, int channels) {
        p.exactMin = new long[labelCount * channels];
        p.exactMax = new long[labelCount * channels];
        p.unsignedExtremes = unsigned;
        if (lo.length < labelCount) {
            lo = new long[Math.max(labelCount, 2 * lo.length)];
            hi = new long[lo.length];
        }
    }

    /**
     * Channel {@code channel} of the block: the min and max of every slot over its runs (a run lies
     * within one row: {@code runStart[r]} to {@code runStart[r + 1]}, voxel indexes in row order).
     */
    void channel(ImageRows rows, int channel, int[] runStart, int[] runSlot, int runCount, int labelCount,
            BlockPartial p) {
        Arrays.fill(lo, 0, labelCount, Long.MAX_VALUE);
        Arrays.fill(hi, 0, labelCount, Long.MIN_VALUE);
        int width = rows.width();
        if (row.length < width) {
            row = new long[width];
        }
        int run = 0;
        for (int r = 0; r < rows.count(); r++) {
            rows.readLongs(channel, r, row);
            int first = r * width;
            int end = first + width;
            for (; run < runCount && runStart[run] < end; run++) {
                int k = runSlot[run];
                long min = lo[k];
                long max = hi[k];
                for (int i = runStart[run] - first, to = runStart[run + 1] - first; i < to; i++) {
                    long v = row[i] ^ flip;
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                lo[k] = min;
                hi[k] = max;
            }
        }
        int base = channel * labelCount;
        for (int k = 0; k < labelCount; k++) {
            p.exactMin[base + k] = lo[k] ^ flip;
            p.exactMax[base + k] = hi[k] ^ flip;
        }
    }
}
