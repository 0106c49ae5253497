package org.rasteragg.core.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact per-label min and max of an int64 or uint64 image, slot for slot beside {@link LabelState}'s
 * float64 ones, which round above 2^53 (2^53 + 1 becomes 2^53, 2^64 - 1 becomes 1.8446744073709552E19).
 * Values are raw 64-bit patterns; for a uint64 image they are compared unsigned. A slot not yet
 * merged holds the sentinels: the dtype's max as min, its min as max.
 *
 * <p>A state holds these only when its blocks came from such an image (the kernel sets
 * {@code BlockPartial.exactMin}), so states of every other image keep their layout and binary form.
 * Pages grow on the first write of a slot. Not thread-safe for writes.
 */
final class Int64Extremes {

    private final int channels;
    private final boolean unsigned;
    private final int pageBits;
    private final int pageMask;
    // Not final: release drops them once a result has read them.
    private List<long[]> mins = new ArrayList<>();
    private List<long[]> maxs = new ArrayList<>();

    Int64Extremes(int channels, boolean unsigned) {
        this.channels = channels;
        this.unsigned = unsigned;
        this.pageBits = ShapeOrderState.pageBits(Math.max(1, channels));
        this.pageMask = (1 << pageBits) - 1;
    }

    /**
     * The extremes a state must hold after taking in a part: {@code mine} (null: none) of a state of
     * {@code mySize} labels and a part of {@code theirSize} labels with ({@code theirs} = whether
     * unsigned) or without ({@code theirs} null) exact extremes.
     *
     * @throws IllegalArgumentException when both hold labels and only one has exact extremes, or they
     *     differ in signedness: parts of images of different dtypes
     */
    static Int64Extremes joined(Int64Extremes mine, int mySize, Boolean theirs, int theirSize, int channels) {
        if (theirSize == 0) {
            return mine;
        }
        if (mine == null ? theirs != null && mySize > 0 : theirs == null || mine.unsigned != theirs) {
            throw new IllegalArgumentException("cannot merge label states of images of different dtypes: exact "
                    + "64-bit extremes " + describe(mine == null ? null : mine.unsigned) + " and " + describe(theirs));
        }
        return mine != null || theirs == null ? mine : new Int64Extremes(channels, theirs);
    }

    private static String describe(Boolean unsigned) {
        return unsigned == null ? "none" : unsigned ? "uint64" : "int64";
    }

    boolean unsigned() {
        return unsigned;
    }

    /** An empty instance of the same kind. */
    Int64Extremes emptyLike() {
        return new Int64Extremes(channels, unsigned);
    }

    private void ensure(int slot) {
        grow(mins, slot, unsigned ? -1L : Long.MAX_VALUE);
        grow(maxs, slot, unsigned ? 0L : Long.MIN_VALUE);
    }

    /** Adds pages of {@code sentinel} to {@code pages} (unless released) until {@code slot} has one. */
    private void grow(List<long[]> pages, int slot, long sentinel) {
        while (pages != null && (slot >>> pageBits) >= pages.size()) {
            long[] page = new long[channels << pageBits];
            Arrays.fill(page, sentinel);
            pages.add(page);
        }
    }

    private boolean below(long a, long b) {
        return unsigned ? Long.compareUnsigned(a, b) < 0 : a < b;
    }

    /** Merges the part's values of channel c at {@code first + c * stride} of {@code lo}, {@code hi} into {@code slot}. */
    void merge(int slot, long[] lo, long[] hi, int first, int stride) {
        ensure(slot);
        long[] min = mins.get(slot >>> pageBits);
        long[] max = maxs.get(slot >>> pageBits);
        int at = (slot & pageMask) * channels;
        for (int c = 0; c < channels; c++) {
            long a = lo[first + c * stride];
            long b = hi[first + c * stride];
            if (below(a, min[at + c])) {
                min[at + c] = a;
            }
            if (below(max[at + c], b)) {
                max[at + c] = b;
            }
        }
    }

    /** Merges {@code other}'s slot {@code os} into {@code slot}. */
    void merge(int slot, Int64Extremes other, int os) {
        int page = os >>> other.pageBits;
        int at = (os & other.pageMask) * channels;
        if (page >= other.mins.size()) {
            return; // never written: the sentinels change nothing
        }
        merge(slot, other.mins.get(page), other.maxs.get(page), at, 1);
    }

    long value(boolean max, int slot, int channel) {
        int page = slot >>> pageBits;
        List<long[]> pages = max ? maxs : mins;
        if (page >= pages.size()) {
            return max ? (unsigned ? 0L : Long.MIN_VALUE) : (unsigned ? -1L : Long.MAX_VALUE);
        }
        return pages.get(page)[(slot & pageMask) * channels + channel];
    }

    /** Slots {@code [from, to)} of min or max into {@code out}, slot-major as {@link LabelState#copy}. */
    void copy(boolean max, int from, int to, long[] out) {
        ensure(Math.max(0, to - 1));
        List<long[]> pages = max ? maxs : mins;
        for (int s = from; s < to; ) {
            int within = s & pageMask;
            int n = Math.min(to - s, (1 << pageBits) - within);
            System.arraycopy(pages.get(s >>> pageBits), within * channels, out, (s - from) * channels, n * channels);
            s += n;
        }
    }

    /** Drops min or max (reading them afterwards is a programming error). */
    void release(boolean max) {
        if (max) {
            maxs = null;
        } else {
            mins = null;
        }
    }

    /** Writes slot {@code slot}: per channel min, max (int64 bits; see {@link LabelStateSerde}, version 3). */
    void write(int slot, DataOutputStream out) throws IOException {
        for (int c = 0; c < channels; c++) {
            out.writeLong(value(false, slot, c));
            out.writeLong(value(true, slot, c));
        }
    }

    /** Reads what {@link #write} wrote into the (new) slot {@code slot}. */
    void read(int slot, DataInputStream in) throws IOException {
        ensure(slot);
        int at = (slot & pageMask) * channels;
        for (int c = 0; c < channels; c++) {
            mins.get(slot >>> pageBits)[at + c] = in.readLong();
            maxs.get(slot >>> pageBits)[at + c] = in.readLong();
        }
    }
}
