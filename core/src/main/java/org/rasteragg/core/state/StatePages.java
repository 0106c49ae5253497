package org.rasteragg.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.state.LabelState.Part;

/**
 * The slots of a {@link LabelState}: per slot the label, voxel count, coordinate sums and, per
 * channel, shift, shifted sum, central moments M2..M4, min and max. Which slot a label has is the
 * state's business ({@link LabelSlots}); this class only stores slots {@code 0 .. n-1}.
 *
 * <p>Slots live in fixed-size pages, so growing to millions of labels adds pages instead of copying
 * every array (a copy would briefly hold the state 2.5 times). Within a page values are slot-major:
 * index {@code (slot % pageSize) * channels + channel}.
 *
 * <p>Not thread-safe.
 */
final class StatePages {

    /**
     * Values per page array at most: 256 KiB of doubles. G1 allocates any array of half a region or
     * more (regions are 1 MiB on heaps under 2 GiB) as a "humongous" object: in whole regions of its
     * own, never moved by compaction. Pages of that size wasted up to half of each region and
     * fragmented the heap so that a 700 MB state needed a heap of over 1.1 GB.
     */
    private static final int MAX_PAGE_VALUES = 1 << 15;
    private static final int MAX_PAGE_BITS = 14;

    private final Features features;
    private final int channels;
    private final int pageBits;
    private final int pageSize;
    private final int pageMask;
    private final List<Page> pages = new ArrayList<>();

    /** One page of {@link #pageSize} slots; arrays the features do not need are null. */
    private static final class Page {
        final long[] labels;
        final long[] counts;
        final double[] coordinateSums;
        // Not final: release(Part) drops them one by one while a result is built from this state.
        double[] shifts;
        double[] sums;
        double[] m2;
        double[] m3;
        double[] m4;
        double[] min;
        double[] max;

        Page(Features f, int channels, int pageSize) {
            labels = new long[pageSize];
            counts = new long[pageSize];
            int values = pageSize * channels;
            coordinateSums = f.center() ? new double[pageSize * 3] : null;
            shifts = f.momentOrder() >= 1 ? new double[values] : null;
            sums = f.momentOrder() >= 1 ? new double[values] : null;
            m2 = f.momentOrder() >= 2 ? new double[values] : null;
            m3 = f.momentOrder() >= 4 ? new double[values] : null;
            m4 = f.momentOrder() >= 4 ? new double[values] : null;
            min = f.minMax() ? new double[values] : null;
            max = f.minMax() ? new double[values] : null;
        }
    }

    /** @param channels values per slot and statistic (0 when no statistic needs the image) */
    StatePages(Features features, int channels) {
        this.features = features;
        this.channels = channels;
        int bits = MAX_PAGE_BITS;
        // At least 3 values per slot: the coordinate sums (z, y, x) are a page array too.
        while (bits > 6 && (1L << bits) * Math.max(3, channels) > MAX_PAGE_VALUES) {
            bits--;
        }
        this.pageBits = bits;
        this.pageSize = 1 << bits;
        this.pageMask = pageSize - 1;
    }

    private Page page(int slot) {
        return pages.get(slot >>> pageBits);
    }

    /** The page of {@code slot}, the first one not yet in use: a new page when it is the first of one. */
    private Page pageOpening(int slot) {
        if ((slot & pageMask) == 0 && (slot >>> pageBits) == pages.size()) {
            pages.add(new Page(features, channels, pageSize));
        }
        return page(slot);
    }

    /** Index of (slot, channel) within its page's value arrays. */
    private int at(int slot, int channel) {
        return (slot & pageMask) * channels + channel;
    }

    /**
     * Opens {@code slot}, the first one not yet in use, for {@code label}: count 0, sums 0, min and
     * max at the infinities any value replaces. Adds a page when the slot is the first of one.
     */
    void open(int slot, long label) {
        Page p = pageOpening(slot);
        p.labels[slot & pageMask] = label;
        if (p.min != null) {
            int i = at(slot, 0);
            Arrays.fill(p.min, i, i + channels, Double.POSITIVE_INFINITY);
            Arrays.fill(p.max, i, i + channels, Double.NEGATIVE_INFINITY);
        }
    }

    /** The array of {@code part} in page {@code p}. */
    private static double[] array(Page p, Part part) {
        return switch (part) {
            case SHIFTS -> p.shifts;
            case SHIFTED_SUMS -> p.sums;
            case M2 -> p.m2;
            case M3 -> p.m3;
            case M4 -> p.m4;
            case MIN -> p.min;
            case MAX -> p.max;
        };
    }

    /** {@link LabelState#copy(Part, int, int, double[])}: a few array copies per page. */
    void copy(Part part, int from, int to, double[] out) {
        int c = channels;
        for (int s = from; s < to; ) {
            Page p = page(s);
            int within = s & pageMask;
            int n = Math.min(to - s, pageSize - within);
            System.arraycopy(array(p, part), within * c, out, (s - from) * c, n * c);
            s += n;
        }
    }

    /** Drops {@code part} of every page ({@link LabelState#release}). */
    void release(Part part) {
        for (Page p : pages) {
            switch (part) {
                case SHIFTS -> p.shifts = null;
                case SHIFTED_SUMS -> p.sums = null;
                case M2 -> p.m2 = null;
                case M3 -> p.m3 = null;
                case M4 -> p.m4 = null;
                case MIN -> p.min = null;
                case MAX -> p.max = null;
            }
        }
    }

    /** The labels of slots {@code 0 .. size-1}; a copy. */
    long[] labels(int size) {
        long[] out = new long[size];
        for (int s = 0; s < size; s += pageSize) {
            System.arraycopy(page(s).labels, 0, out, s, Math.min(pageSize, size - s));
        }
        return out;
    }

    long label(int slot) {
        return page(slot).labels[slot & pageMask];
    }

    long count(int slot) {
        return page(slot).counts[slot & pageMask];
    }

    double coordinateSum(int slot, int axis) {
        return page(slot).coordinateSums[(slot & pageMask) * 3 + axis];
    }

    double sum(int slot, int channel) {
        Page p = page(slot);
        int i = at(slot, channel);
        return p.sums[i] + p.counts[slot & pageMask] * p.shifts[i];
    }

    double mean(int slot, int channel) {
        Page p = page(slot);
        int i = at(slot, channel);
        return p.shifts[i] + p.sums[i] / p.counts[slot & pageMask];
    }

    double shift(int slot, int channel) {
        return page(slot).shifts[at(slot, channel)];
    }

    double shiftedSum(int slot, int channel) {
        return page(slot).sums[at(slot, channel)];
    }

    double m2(int slot, int channel) {
        return page(slot).m2[at(slot, channel)];
    }

    double m3(int slot, int channel) {
        return page(slot).m3[at(slot, channel)];
    }

    double m4(int slot, int channel) {
        return page(slot).m4[at(slot, channel)];
    }

    double min(int slot, int channel) {
        return page(slot).min[at(slot, channel)];
    }

    double max(int slot, int channel) {
        return page(slot).max[at(slot, channel)];
    }

    /**
     * Merges one label's part into {@code slot}. The part's value of channel c is at
     * {@code first + c * stride} of its arrays (a block partial is channel-major, a state page
     * slot-major); arrays of statistics not tracked may be null.
     */
    void merge(int slot, long nb, double[] coords, int coordIndex, double[] shifts, double[] sums, double[] q2,
            double[] q3, double[] q4, double[] lo, double[] hi, int first, int stride) {
        int order = features.momentOrder();
        Page p = page(slot);
        int o = slot & pageMask;
        long na = p.counts[o];
        p.counts[o] = na + nb;
        if (p.coordinateSums != null) {
            for (int a = 0; a < 3; a++) {
                p.coordinateSums[o * 3 + a] += coords[coordIndex + a];
            }
        }
        for (int c = 0; c < channels; c++) {
            int i = o * channels + c;
            int j = first + c * stride;
            if (order > 0) {
                Moments.combine(order, na, nb, p.shifts, p.sums, p.m2, p.m3, p.m4, i, shifts[j], sums[j],
                        order >= 2 ? q2[j] : 0, order >= 4 ? q3[j] : 0, order >= 4 ? q4[j] : 0);
            }
            if (p.min != null) {
                p.min[i] = Math.min(p.min[i], lo[j]);
                p.max[i] = Math.max(p.max[i], hi[j]);
            }
        }
    }

    /**
     * Opens {@code count} new slots from {@code slot} on (the next ones not in use) for labels
     * {@code first .. first + count - 1} of a block partial and sets them to those labels' parts:
     * what {@link #open} and {@link #merge} into an empty slot give, bit for bit (a count of 0 keeps
     * zero moments; min and max of +/-infinity and a value are the value), but array by array
     * instead of one label and statistic at a time. At 16 voxels per label almost every label of a
     * block is new, and merging them one by one took a tenth of a run, on the thread that merges.
     */
    void openAll(int slot, int count, long[] labels, long[] counts, double[] coords, double[] shifts, double[] sums,
            double[] q2, double[] q3, double[] q4, double[] lo, double[] hi, int first, int stride) {
        for (int done = 0; done < count; ) {
            int s = slot + done;
            Page p = pageOpening(s);
            int o = s & pageMask;
            int n = Math.min(count - done, pageSize - o);
            int from = first + done;
            System.arraycopy(labels, from, p.labels, o, n);
            System.arraycopy(counts, from, p.counts, o, n);
            if (p.coordinateSums != null) {
                addCoordinates(coords, 3 * from, p.coordinateSums, 3 * o, 3 * n);
            }
            // Every loop over the labels is in a small method of its own, and transpose has one call
            // site: C2 compiled this method on-stack once per long loop, each time with the loop
            // nests inlined (nine transposes: 0.3 CPU-s of a cold 4096^2 run; one: still 0.3 s in
            // three compilations, for a method that runs for 20 ms). A page holds exactly the parts
            // its features need (Page's constructor): the others are null.
            double[][] sources = {shifts, sums, q2, q3, q4, lo, hi};
            double[][] targets = {p.shifts, p.sums, p.m2, p.m3, p.m4, p.min, p.max};
            for (int part = 0; part < sources.length; part++) {
                if (targets[part] != null) {
                    transpose(sources[part], targets[part], from, o, n, stride);
                }
            }
            if (p.shifts != null) {
                clearEmptyMoments(p, o, counts, from, n);
            }
            done += n;
        }
    }

    private static void addCoordinates(double[] src, int from, double[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i];
        }
    }

    /** Zero moments for the slots {@code o ..} of labels {@code from ..} without voxels. */
    private void clearEmptyMoments(Page p, int o, long[] counts, int from, int n) {
        for (int i = 0; i < n; i++) {
            if (counts[from + i] == 0) {
                // Moments.combine leaves an empty slot untouched by an empty part.
                clearMoments(p, (o + i) * channels);
            }
        }
    }

    /** Values {@code from .. from + n - 1} of each channel ({@code + c * stride}) into slots {@code o ..}. */
    private void transpose(double[] src, double[] dst, int from, int o, int n, int stride) {
        int c = channels;
        for (int ch = 0; ch < c; ch++) {
            int j = from + ch * stride;
            int i = o * c + ch;
            for (int k = 0; k < n; k++, i += c) {
                dst[i] = src[j + k];
            }
        }
    }

    private void clearMoments(Page p, int i) {
        for (double[] a : new double[][] {p.shifts, p.sums, p.m2, p.m3, p.m4}) {
            if (a != null) {
                Arrays.fill(a, i, i + channels, 0.0);
            }
        }
    }

    /** Merges slot {@code s} of {@code other} (same features and channels) into {@code slot}. */
    void mergeSlot(int slot, StatePages other, int s) {
        Page q = other.page(s);
        int os = s & other.pageMask;
        merge(slot, q.counts[os], q.coordinateSums, os * 3, q.shifts, q.sums, q.m2, q.m3, q.m4, q.min, q.max,
                os * other.channels, 1);
    }

    /** Sets {@code slot}, just opened, to slot {@code s} of {@code other} (same features and channels). */
    void copySlot(int slot, StatePages other, int s) {
        Page q = other.page(s);
        int os = s & other.pageMask;
        Page p = page(slot);
        int o = slot & pageMask;
        p.counts[o] = q.counts[os];
        if (p.coordinateSums != null) {
            System.arraycopy(q.coordinateSums, os * 3, p.coordinateSums, o * 3, 3);
        }
        int i = o * channels;
        int j = os * other.channels;
        copyRange(q.shifts, p.shifts, j, i);
        copyRange(q.sums, p.sums, j, i);
        copyRange(q.m2, p.m2, j, i);
        copyRange(q.m3, p.m3, j, i);
        copyRange(q.m4, p.m4, j, i);
        copyRange(q.min, p.min, j, i);
        copyRange(q.max, p.max, j, i);
    }

    private void copyRange(double[] from, double[] to, int fromIndex, int toIndex) {
        if (from != null) {
            System.arraycopy(from, fromIndex, to, toIndex, channels);
        }
    }

    /**
     * Sets {@code slot}, just opened, to a label's raw state: {@code k} the shifts, {@code s} the
     * shifted sums, one value per channel in each array the features track.
     */
    void restore(int slot, long count, double[] coords, double[] k, double[] s, double[] q2, double[] q3,
            double[] q4, double[] lo, double[] hi) {
        Page p = page(slot);
        int o = slot & pageMask;
        p.counts[o] = count;
        if (p.coordinateSums != null) {
            System.arraycopy(coords, 0, p.coordinateSums, o * 3, 3);
        }
        int i = o * channels;
        copyFrom(k, p.shifts, i);
        copyFrom(s, p.sums, i);
        copyFrom(q2, p.m2, i);
        copyFrom(q3, p.m3, i);
        copyFrom(q4, p.m4, i);
        copyFrom(lo, p.min, i);
        copyFrom(hi, p.max, i);
    }

    private void copyFrom(double[] from, double[] to, int toIndex) {
        if (to != null) {
            System.arraycopy(from, 0, to, toIndex, channels);
        }
    }

    /** Approximate heap bytes of one slot: label, count, coordinate sums and values. */
    static long bytesPerSlot(Features features, int channels) {
        int perChannel = (features.momentOrder() >= 1 ? 2 : 0) + (features.momentOrder() >= 2 ? 1 : 0)
                + (features.momentOrder() >= 4 ? 2 : 0) + (features.minMax() ? 2 : 0);
        return 16 + (features.center() ? 24 : 0) + 8L * perChannel * channels;
    }
}
