package org.rasteragg.core.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.rasteragg.core.state.Features;

/**
 * The arrays of block partials that have been merged, handed back for the kernels' next blocks.
 * With 16 voxels per label a 1024^2 block of 4 channels has about 60,000 labels, and its partial
 * takes some 15 MB: allocated afresh for every block, partials were a sixth of all allocation of a
 * run and made young collections copy the label state several times over. Recycled, a run holds at
 * most {@link #limit} sets, no more than were in flight before.
 *
 * <p>Only harpy's arrays (labels, counts, coordinate sums, shifts, sums, moments, min, max) are
 * recycled; a kernel writes every entry of them below {@code labelCount x channels} for each block,
 * so stale values never leak. Thread-safe: workers take, the merging thread gives back.
 */
public final class PartialBuffers {

    /** Extra capacity of a new set, so that blocks of slightly more labels reuse it. */
    private static final int SLACK_SHIFT = 3;

    private final ConcurrentLinkedQueue<BlockPartial> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final int limit;

    /** @param limit the most sets kept (the partials a run has in flight at once) */
    public PartialBuffers(int limit) {
        this.limit = limit;
    }

    /** Hands back the arrays of {@code p}, which no one reads any more. */
    public void give(BlockPartial p) {
        if (held.incrementAndGet() > limit) {
            held.decrementAndGet();
            return;
        }
        free.add(p);
    }

    /**
     * Drops every set held: at the end of a run, as a kernel (and so this) can outlive it in the
     * calling thread's thread-locals while the result is built.
     */
    public void clear() {
        while (free.poll() != null) {
            held.decrementAndGet();
        }
    }

    /**
     * A partial of {@code labels} labels and {@code channels} channels (0: no image values) with the
     * arrays {@code features} need: recycled when a set large enough was given back, else new.
     */
    BlockPartial take(Features features, int labels, int channels) {
        BlockPartial old = free.poll();
        if (old != null) {
            held.decrementAndGet();
            if (fits(old, features, labels, channels)) {
                return new BlockPartial(labels, channels, old.labels, old.counts, old.coordinateSums, old.shifts,
                        old.sums, old.m2, old.m3, old.m4, old.min, old.max);
            }
        }
        return allocate(features, labels, channels, labels + (labels >> SLACK_SHIFT));
    }

    /** A partial with new arrays of exactly {@code labels} labels (no recycling). */
    static BlockPartial allocate(Features features, int labels, int channels) {
        return allocate(features, labels, channels, labels);
    }

    private static BlockPartial allocate(Features features, int labels, int channels, int capacity) {
        int n = capacity * channels;
        int order = features.momentOrder();
        boolean values = channels > 0;
        return new BlockPartial(labels, channels, new long[capacity], new long[capacity],
                features.center() ? new double[3 * capacity] : null, values && order >= 1 ? new double[n] : null,
                values && order >= 1 ? new double[n] : null, values && order >= 2 ? new double[n] : null,
                values && order >= 4 ? new double[n] : null, values && order >= 4 ? new double[n] : null,
                values && features.minMax() ? new double[n] : null, values && features.minMax() ? new double[n] : null);
    }

    /** Whether the arrays of {@code p} hold a partial of this shape (the same features, enough room). */
    private static boolean fits(BlockPartial p, Features features, int labels, int channels) {
        boolean values = channels > 0;
        int order = features.momentOrder();
        long n = (long) labels * channels;
        return p.labels.length >= labels
                && (p.coordinateSums != null) == features.center()
                && (!features.center() || p.coordinateSums.length >= 3L * labels)
                && room(p.shifts, values && order >= 1, n) && room(p.sums, values && order >= 1, n)
                && room(p.m2, values && order >= 2, n) && room(p.m3, values && order >= 4, n)
                && room(p.m4, values && order >= 4, n) && room(p.min, values && features.minMax(), n)
                && room(p.max, values && features.minMax(), n);
    }

    private static boolean room(double[] a, boolean needed, long n) {
        return needed ? a != null && a.length >= n : a == null;
    }
}
