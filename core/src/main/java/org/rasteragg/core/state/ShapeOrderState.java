package org.rasteragg.core.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.kernel.BlockPartial;

/**
 * The per-label state of the statistics beyond harpy, slot for slot beside {@link LabelState}'s:
 * bounding boxes, exact coordinate moments (radii and axes), intensity-weighted coordinate sums
 * and, for median and quantiles, the {@link SortedValues} of the labels.
 *
 * <p>Not thread-safe for writes; reads of a state no longer written are.
 */
final class ShapeOrderState {

    static final int MOMENTS = 15;
    private static final int MAX_PAGE_VALUES = 1 << 15;

    private final Features features;
    private final int channels;
    private final int pageBits;
    private final int pageMask;
    private final List<Page> pages = new ArrayList<>();
    /** Null without median and quantiles. */
    private final SortedValues sorted;

    private static final class Page {
        final long[] bbox;
        final long[] moments;
        final double[] weighted;

        Page(Features f, int channels, int size) {
            bbox = f.bbox() ? new long[6 * size] : null;
            if (bbox != null) {
                for (int i = 0; i < size; i++) {
                    Arrays.fill(bbox, 6 * i, 6 * i + 3, Long.MAX_VALUE);
                    Arrays.fill(bbox, 6 * i + 3, 6 * i + 6, Long.MIN_VALUE);
                }
            }
            moments = f.axes() ? new long[MOMENTS * size] : null;
            weighted = f.wcenter() ? new double[3 * channels * size] : null;
        }
    }

    ShapeOrderState(Features features, int channels) {
        this.features = features;
        this.channels = channels;
        this.pageBits = pageBits(Math.max(MOMENTS, 3 * channels));
        this.pageMask = (1 << pageBits) - 1;
        this.sorted = features.ordered() ? new SortedValues(channels,
                features.quantiles().stream().mapToDouble(Double::doubleValue).toArray()) : null;
    }

    /**
     * log2 of the slots per page when each slot holds {@code valuesPerSlot} values: pages stay
     * below half a G1 region (see {@link StatePages}' MAX_PAGE_VALUES).
     */
    static int pageBits(int valuesPerSlot) {
        int bits = 14;
        while (bits > 4 && (1L << bits) * valuesPerSlot > MAX_PAGE_VALUES) {
            bits--;
        }
        return bits;
    }

    /** Approximate heap bytes per label, the value lists of open labels not included. */
    static long bytesPerLabel(Features f, int channels) {
        long bytes = (f.bbox() ? 48 : 0) + (f.axes() ? 8 * MOMENTS : 0) + (f.wcenter() ? 24L * channels : 0);
        return bytes + (f.ordered() ? SortedValues.bytesPerLabel(channels, f.quantiles().size()) : 0);
    }

    /** Heap bytes of the value lists of the labels still open. */
    long openBytes() {
        return sorted == null ? 0 : sorted.openBytes();
    }

    /** Makes room for {@code slot}, the next slot of the label state. */
    void grow(int slot) {
        if ((slot >>> pageBits) == pages.size()) {
            pages.add(new Page(features, channels, 1 << pageBits));
        }
        if (sorted != null) {
            sorted.grow(slot);
        }
    }

    private Page page(int slot) {
        return pages.get(slot >>> pageBits);
    }

    /** Adds local label {@code local} of block partial {@code b} to {@code slot}; finishes it if {@code last}. */
    void add(int slot, BlockPartial b, int local, boolean last) {
        Page p = page(slot);
        int o = slot & pageMask;
        int labels = b.labelCount;
        if (p.bbox != null) {
            mergeBox(p.bbox, 6 * o, b.bbox, 6 * local);
        }
        if (p.moments != null) {
            mergeMoments(p.moments, MOMENTS * o, b.axisMoments, MOMENTS * local);
        }
        if (p.weighted != null) {
            for (int c = 0; c < channels; c++) {
                int to = 3 * (o * channels + c);
                int from = 3 * (c * labels + local);
                for (int a = 0; a < 3; a++) {
                    p.weighted[to + a] += b.weightedSums[from + a];
                }
            }
        }
        if (sorted != null) {
            sorted.add(slot, b, local, last);
        }
    }

    /** Adds {@code other}'s slot {@code os}, label {@code label}, to {@code slot}. */
    void add(int slot, ShapeOrderState other, int os, long label) {
        Page p = page(slot);
        Page r = other.page(os);
        int o = slot & pageMask;
        int w = os & other.pageMask;
        if (p.bbox != null) {
            mergeBox(p.bbox, 6 * o, r.bbox, 6 * w);
        }
        if (p.moments != null) {
            mergeMoments(p.moments, MOMENTS * o, r.moments, MOMENTS * w);
        }
        if (p.weighted != null) {
            for (int i = 0; i < 3 * channels; i++) {
                p.weighted[3 * channels * o + i] += r.weighted[3 * channels * w + i];
            }
        }
        if (sorted != null) {
            sorted.add(slot, other.sorted, os, label);
        }
    }

    private static void mergeBox(long[] to, int at, long[] from, int f) {
        for (int a = 0; a < 3; a++) {
            to[at + a] = Math.min(to[at + a], from[f + a]);
            to[at + 3 + a] = Math.max(to[at + 3 + a], from[f + 3 + a]);
        }
    }

    private static void mergeMoments(long[] to, int at, long[] from, int f) {
        for (int a = 0; a < 3; a++) {
            to[at + a] += from[f + a];
        }
        for (int m = 3; m < MOMENTS; m += 2) {
            Int128.add(to, at + m, from[f + m], from[f + m + 1]);
        }
    }

    long bboxMin(int slot, int axis) {
        return page(slot).bbox[6 * (slot & pageMask) + axis];
    }

    long bboxMax(int slot, int axis) {
        return page(slot).bbox[6 * (slot & pageMask) + 3 + axis];
    }

    /** Moment {@code m} of {@link BlockPartial#axisMoments}'s layout (0..2 longs, 3..14 (hi, lo) pairs). */
    long moment(int slot, int m) {
        return page(slot).moments[MOMENTS * (slot & pageMask) + m];
    }

    double weightedSum(int slot, int channel, int axis) {
        return page(slot).weighted[3 * ((slot & pageMask) * channels + channel) + axis];
    }

    /** All quantiles of (slot, channel) into {@code out}: from the finished values or the open lists. */
    void quantiles(int slot, int channel, double[] out) {
        sorted.quantiles(slot, channel, out);
    }

    /** Writes slot {@code slot} (see {@link LabelStateSerde}'s layout, version 2). */
    void write(int slot, DataOutputStream out) throws IOException {
        Page p = page(slot);
        int o = slot & pageMask;
        if (p.bbox != null) {
            for (int a = 0; a < 6; a++) {
                out.writeLong(p.bbox[6 * o + a]);
            }
        }
        if (p.moments != null) {
            for (int m = 0; m < MOMENTS; m++) {
                out.writeLong(p.moments[MOMENTS * o + m]);
            }
        }
        if (p.weighted != null) {
            for (int i = 0; i < 3 * channels; i++) {
                out.writeDouble(p.weighted[3 * channels * o + i]);
            }
        }
        if (sorted != null) {
            sorted.write(slot, out);
        }
    }

    /** Reads what {@link #write} wrote into the (new, empty) slot {@code slot}. */
    void read(int slot, DataInputStream in) throws IOException {
        Page p = page(slot);
        int o = slot & pageMask;
        if (p.bbox != null) {
            for (int a = 0; a < 6; a++) {
                p.bbox[6 * o + a] = in.readLong();
            }
        }
        if (p.moments != null) {
            for (int m = 0; m < MOMENTS; m++) {
                p.moments[MOMENTS * o + m] = in.readLong();
            }
        }
        if (p.weighted != null) {
            for (int i = 0; i < 3 * channels; i++) {
                p.weighted[3 * channels * o + i] = in.readDouble();
            }
        }
        if (sorted != null) {
            sorted.read(slot, in);
        }
    }
}
