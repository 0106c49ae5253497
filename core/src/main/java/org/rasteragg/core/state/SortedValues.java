package org.rasteragg.core.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.kernel.BlockPartial;

/**
 * Median and quantiles' part of the per-label state: for each open label and channel its sorted
 * distinct values with their counts, replaced by the requested quantiles once the label is
 * {@link #finish}ed (its last block merged), so the memory held is that of the labels still open
 * ({@link #openBytes}). Lists are never modified once built (a merge builds a new one), so copies
 * of a state may share them.
 *
 * <p>Not thread-safe for writes; reads of a state no longer written are.
 */
final class SortedValues {

    private final int channels;
    private final double[] q;
    private final int pageBits;
    private final int pageMask;
    private final List<Page> pages = new ArrayList<>();
    private long openBytes;

    private static final class Page {
        final double[][] values;
        final int[][] counts;
        final double[] quantiles;
        final boolean[] finished;

        Page(int channels, int nq, int size) {
            values = new double[channels * size][];
            counts = new int[channels * size][];
            quantiles = new double[nq * channels * size];
            finished = new boolean[size];
        }
    }

    SortedValues(int channels, double[] q) {
        this.channels = channels;
        this.q = q;
        this.pageBits = ShapeOrderState.pageBits(Math.max(1, q.length * channels));
        this.pageMask = (1 << pageBits) - 1;
    }

    /** Approximate heap bytes per label, the lists of open labels not included. */
    static long bytesPerLabel(int channels, int quantiles) {
        return 1 + 8L * channels * (2 + quantiles);
    }

    /** Heap bytes of the value lists of the labels still open. */
    long openBytes() {
        return openBytes;
    }

    /** Makes room for {@code slot}, the next slot of the label state. */
    void grow(int slot) {
        if ((slot >>> pageBits) == pages.size()) {
            pages.add(new Page(channels, q.length, 1 << pageBits));
        }
    }

    private Page page(int slot) {
        return pages.get(slot >>> pageBits);
    }

    /** Adds the lists of local label {@code local} of {@code b} to {@code slot}; finishes it if {@code last}. */
    void add(int slot, BlockPartial b, int local, boolean last) {
        Page p = page(slot);
        int o = slot & pageMask;
        int labels = b.labelCount;
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

    /** Adds {@code other}'s slot {@code os}, label {@code label}, to {@code slot}. */
    void add(int slot, SortedValues other, int os, long label) {
        Page p = page(slot);
        Page r = other.page(os);
        int o = slot & pageMask;
        int w = os & other.pageMask;
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

    /** Writes slot {@code slot} (see {@link LabelStateSerde}'s layout, version 2, flag bit 5). */
    void write(int slot, DataOutputStream out) throws IOException {
        Page p = page(slot);
        int o = slot & pageMask;
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

    /** Reads what {@link #write} wrote into the (new, empty) slot {@code slot}. */
    void read(int slot, DataInputStream in) throws IOException {
        Page p = page(slot);
        int o = slot & pageMask;
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
