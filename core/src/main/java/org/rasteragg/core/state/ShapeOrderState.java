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
 * and, for median and quantiles, each open label's sorted distinct values with their counts.
 *
 * <p>A label's value lists are needed only until its last block is merged: {@link #finish}
 * replaces them with the requested quantiles, so the memory held is that of the labels still open
 * ({@link #openBytes}). Lists are never modified once built (a merge builds a new one), so copies
 * of a state may share them.
 *
 * <p>Not thread-safe.
 */
final class ShapeOrderState {

    static final int MOMENTS = 15;
    private static final int MAX_PAGE_VALUES = 1 << 15;

    private final Features features;
    private final int channels;
    private final double[] q;
    private final int pageBits;
    private final int pageMask;
    private final List<Page> pages = new ArrayList<>();
    private long openBytes;

    private static final class Page {
        final long[] bbox;
        final long[] moments;
        final double[] weighted;
        final double[][] values;
        final int[][] counts;
        final double[] quantiles;
        final boolean[] finished;

        Page(Features f, int channels, int nq, int size) {
            bbox = f.bbox() ? new long[6 * size] : null;
            if (bbox != null) {
                for (int i = 0; i < size; i++) {
                    Arrays.fill(bbox, 6 * i, 6 * i + 3, Long.MAX_VALUE);
                    Arrays.fill(bbox, 6 * i + 3, 6 * i + 6, Long.MIN_VALUE);
                }
            }
            moments = f.axes() ? new long[MOMENTS * size] : null;
            weighted = f.wcenter() ? new double[3 * channels * size] : null;
            boolean ordered = f.ordered();
            values = ordered ? new double[channels * size][] : null;
            counts = ordered ? new int[channels * size][] : null;
            quantiles = ordered ? new double[nq * channels * size] : null;
            finished = ordered ? new boolean[size] : null;
        }
    }

    ShapeOrderState(Features features, int channels) {
        this.features = features;
        this.channels = channels;
        this.q = features.quantiles().stream().mapToDouble(Double::doubleValue).toArray();
        int widest = Math.max(MOMENTS, Math.max(3 * channels, q.length * channels));
        int bits = 14;
        while (bits > 4 && (1L << bits) * widest > MAX_PAGE_VALUES) {
            bits--;
        }
        this.pageBits = bits;
        this.pageMask = (1 << bits) - 1;
    }

    /** Approximate heap bytes per label, the value lists of open labels not included. */
    static long bytesPerLabel(Features f, int channels) {
        long bytes = (f.bbox() ? 48 : 0) + (f.axes() ? 8 * MOMENTS : 0) + (f.wcenter() ? 24L * channels : 0);
        if (f.ordered()) {
            bytes += 1 + 8L * channels * (2 + f.quantiles().size());
        }
        return bytes;
    }

    /** Heap bytes of the value lists of the labels still open. */
    long openBytes() {
        return openBytes;
    }

    /** Makes room for {@code slot}, the next slot of the label state. */
    void grow(int slot) {
        if ((slot >>> pageBits) == pages.size()) {
            pages.add(new Page(features, channels, q.length, 1 << pageBits));
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
        if (p.values != null) {
            checkOpen(p, o, b.labels[local]);
            for (int c = 0; c < channels; c++) {
                int from = b.orderOffsets[c * labels + local];
                int to = b.orderOffsets[c * labels + local + 1];
                int i = o * channels + c;
                if (last && p.values[i] == null) {
                    // A label that starts and ends in this block: straight from the block's lists.
                    Quantiles.of(b.orderValues, b.orderCounts, from, to, q, p.quantiles, i * q.length);
                } else {
                    mergeValues(p, i, b.orderValues, b.orderCounts, from, to);
                }
            }
            if (last) {
                finish(slot);
            }
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
        if (p.values != null) {
            if (r.finished[w]) {
                if (p.finished[o] || hasValues(p, o)) {
                    throw new IllegalStateException("label " + label + " was finished in one state and has values "
                            + "in the other: the states overlap (a label's last block was merged twice)");
                }
                System.arraycopy(r.quantiles, w * channels * q.length, p.quantiles, o * channels * q.length,
                        channels * q.length);
                p.finished[o] = true;
                return;
            }
            checkOpen(p, o, label);
            for (int c = 0; c < channels; c++) {
                double[] v = r.values[w * channels + c];
                if (v != null) {
                    mergeValues(p, o * channels + c, v, r.counts[w * channels + c], 0, v.length);
                }
            }
        }
    }

    private boolean hasValues(Page p, int o) {
        for (int c = 0; c < channels; c++) {
            if (p.values[o * channels + c] != null) {
                return true;
            }
        }
        return false;
    }

    private static void checkOpen(Page p, int o, long label) {
        if (p.finished[o]) {
            throw new IllegalStateException("values for label " + label + " after its last block was merged "
                    + "(the plan's last-block map does not match the blocks merged)");
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

    /** Merges the sorted pairs {@code [from, to)} into list {@code i} of page {@code p} (a new list). */
    private void mergeValues(Page p, int i, double[] v, int[] n, int from, int to) {
        if (from == to) {
            return;
        }
        double[] a = p.values[i];
        int[] an = p.counts[i];
        if (a == null) {
            p.values[i] = Arrays.copyOfRange(v, from, to);
            p.counts[i] = Arrays.copyOfRange(n, from, to);
            openBytes += listBytes(to - from);
            return;
        }
        double[] mv = new double[a.length + to - from];
        int[] mn = new int[mv.length];
        int k = 0;
        int x = 0;
        int y = from;
        while (x < a.length && y < to) {
            if (a[x] < v[y]) {
                mv[k] = a[x];
                mn[k++] = an[x++];
            } else if (v[y] < a[x]) {
                mv[k] = v[y];
                mn[k++] = n[y++];
            } else {
                long sum = (long) an[x++] + n[y++];
                if (sum > Integer.MAX_VALUE) {
                    throw new org.rasteragg.core.InvalidInputException("a label has more than 2^31 - 1 voxels of the "
                            + "value " + a[x - 1] + " in one channel: median and quantiles count voxels per value in "
                            + "32 bits");
                }
                mv[k] = a[x - 1];
                mn[k++] = (int) sum;
            }
        }
        while (x < a.length) {
            mv[k] = a[x];
            mn[k++] = an[x++];
        }
        while (y < to) {
            mv[k] = v[y];
            mn[k++] = n[y++];
        }
        openBytes += listBytes(k) - listBytes(a.length);
        p.values[i] = k == mv.length ? mv : Arrays.copyOf(mv, k);
        p.counts[i] = k == mn.length ? mn : Arrays.copyOf(mn, k);
    }

    private static long listBytes(int pairs) {
        return 2 * 16 + 12L * pairs;
    }

    /** Replaces the value lists of {@code slot} by its quantiles (no more values may come for it). */
    void finish(int slot) {
        Page p = page(slot);
        int o = slot & pageMask;
        if (p.values == null || p.finished[o]) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            int i = o * channels + c;
            double[] v = p.values[i];
            if (v != null) {
                Quantiles.of(v, p.counts[i], 0, v.length, q, p.quantiles, i * q.length);
                openBytes -= listBytes(v.length);
                p.values[i] = null;
                p.counts[i] = null;
            }
        }
        p.finished[o] = true;
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

    /** Quantile {@code j} of the state's probabilities: from the finished values or the open lists. */
    double quantile(int slot, int channel, int j) {
        Page p = page(slot);
        int o = slot & pageMask;
        int i = o * channels + channel;
        if (p.finished[o]) {
            return p.quantiles[i * q.length + j];
        }
        double[] v = p.values[i];
        if (v == null) {
            return Double.NaN;
        }
        double[] out = new double[q.length];
        Quantiles.of(v, p.counts[i], 0, v.length, q, out, 0);
        return out[j];
    }

    /** All quantiles of (slot, channel) into {@code out[0 .. q.length)}. */
    void quantiles(int slot, int channel, double[] out) {
        Page p = page(slot);
        int o = slot & pageMask;
        int i = o * channels + channel;
        if (p.finished[o]) {
            System.arraycopy(p.quantiles, i * q.length, out, 0, q.length);
            return;
        }
        double[] v = p.values[i];
        if (v == null) {
            Arrays.fill(out, 0, q.length, Double.NaN);
            return;
        }
        Quantiles.of(v, p.counts[i], 0, v.length, q, out, 0);
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
        if (p.values != null) {
            out.writeBoolean(p.finished[o]);
            if (p.finished[o]) {
                for (int i = 0; i < channels * q.length; i++) {
                    out.writeDouble(p.quantiles[channels * q.length * o + i]);
                }
                return;
            }
            for (int c = 0; c < channels; c++) {
                double[] v = p.values[o * channels + c];
                int[] n = p.counts[o * channels + c];
                int len = v == null ? 0 : v.length;
                out.writeInt(len);
                for (int k = 0; k < len; k++) {
                    out.writeDouble(v[k]);
                    out.writeInt(n[k]);
                }
            }
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
        if (p.values != null) {
            p.finished[o] = in.readBoolean();
            if (p.finished[o]) {
                for (int i = 0; i < channels * q.length; i++) {
                    p.quantiles[channels * q.length * o + i] = in.readDouble();
                }
                return;
            }
            for (int c = 0; c < channels; c++) {
                int len = in.readInt();
                if (len < 0) {
                    throw new IllegalArgumentException("corrupt label state: " + len + " sorted values");
                }
                if (len == 0) {
                    continue;
                }
                double[] v = new double[len];
                int[] n = new int[len];
                for (int k = 0; k < len; k++) {
                    v[k] = in.readDouble();
                    n[k] = in.readInt();
                    if (n[k] <= 0 || (k > 0 && !(v[k] > v[k - 1]))) {
                        throw new IllegalArgumentException("corrupt label state: sorted values out of order or "
                                + "count " + n[k] + " at pair " + k);
                    }
                }
                p.values[o * channels + c] = v;
                p.counts[o * channels + c] = n;
                openBytes += listBytes(len);
            }
        }
    }
}
