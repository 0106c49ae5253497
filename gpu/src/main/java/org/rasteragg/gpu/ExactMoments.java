package org.rasteragg.gpu;

import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.state.Features;

/**
 * Turns the kernel's exact integer power sums P_k = sum(v^k) into the state core keeps (count,
 * coordinate sums, shift, shifted sum, central moments M2..M4, min, max).
 *
 * <p>The shift K is the mean rounded to an integer. The sums about it, Q_k = sum((v - K)^k), follow
 * exactly from the P_k by the binomial theorem in 128-bit integer arithmetic (Horner in K):
 * <pre>
 *   Q1 = P1 - n K          Q2 = P2 + K (-2 P1 + K n)
 *   Q3 = P3 + K (-3 P2 + K (3 P1 - K n))
 *   Q4 = P4 + K (-4 P3 + K (6 P2 + K (-4 P1 + K n)))
 * </pre>
 * Intermediate terms may wrap around 2^128, but the results cannot: |v - K| < 2^16 for 8- and
 * 16-bit images, so |Q4| < n 2^64 < 2^104 for labels of up to 2^40 voxels, and arithmetic modulo
 * 2^128 gives them exactly. Then, with d = Q1 / n (|d| <= 1/2),
 * <pre>
 *   M2 = Q2 - n d^2    M3 = Q3 - 3 d Q2 + 2 n d^3    M4 = Q4 - 4 d Q3 + 6 d^2 Q2 - 3 n d^4
 * </pre>
 * in float64. For integer data the variance is at least d(1 - d) >= d^2, so n d^2 <= M2 and the
 * subtraction loses at most one bit: the moments are within a few ulp of the exact ones. The
 * shifted sum Q1 is exact, so {@code Q1 + n K} is the exact sum while it is below 2^53 (as on the
 * CPU engine, whose sums are exact in that range too).
 *
 * <p>Stateless.
 */
final class ExactMoments {

    private ExactMoments() {
    }

    /**
     * The partial of slots {@code [from, to)} of {@code acc} (indices relative to the range it
     * holds), labelled by {@code labels[0 .. to - from)}. Every slot must have a voxel.
     */
    static BlockPartial partial(Accumulators acc, long[] labels, int from, int to, Features f) {
        int l = to - from;
        int ch = acc.channels;
        int n = l * ch;
        int order = f.momentOrder();
        BlockPartial p = new BlockPartial(l, ch, new long[l], new long[l], f.center() ? new double[3 * l] : null,
                order >= 1 ? new double[n] : null, order >= 1 ? new double[n] : null,
                order >= 2 ? new double[n] : null, order >= 4 ? new double[n] : null,
                order >= 4 ? new double[n] : null, f.minMax() ? new double[n] : null,
                f.minMax() ? new double[n] : null);
        for (int local = 0; local < l; local++) {
            int s = from + local;
            p.labels[local] = labels[local];
            long count = acc.counts[s];
            p.counts[local] = count;
            if (f.center()) {
                for (int a = 0; a < 3; a++) {
                    p.coordinateSums[3 * local + a] = (double) acc.coords[3 * s + a];
                }
            }
            for (int c = 0; c < ch; c++) {
                int out = c * l + local;
                if (order >= 1) {
                    moments(acc, s, c, count, order, p, out);
                }
                if (f.minMax()) {
                    p.min[out] = acc.mins[s * acc.channels + c];
                    p.max[out] = acc.maxs[s * acc.channels + c];
                }
            }
        }
        return p;
    }

    private static void moments(Accumulators acc, int s, int c, long count, int order, BlockPartial p, int out) {
        int at = acc.sumAt(s, c, 1);
        long[] w = acc.sums;
        long p1 = w[at];
        if (w[at + 1] != p1 >> 63) {
            throw new IllegalStateException("the sum of a label's values passes 2^63 (" + count + " voxels)");
        }
        long k = Math.floorDiv(p1 + count / 2, count);
        long q1 = p1 - count * k;
        p.shifts[out] = k;
        p.sums[out] = q1;
        if (order < 2) {
            return;
        }
        double n = count;
        double d = q1 / n;
        long[] q = new long[2];
        // Q2 = P2 + K (-2 P1 + K n)
        set(q, count, 0);
        mul(q, k);
        add(q, w, at, -2);
        mul(q, k);
        add(q, w, at + 2, 1);
        double q2 = toDouble(q);
        p.m2[out] = q2 - n * d * d;
        if (order < 4) {
            return;
        }
        // Q3 = P3 + K (-3 P2 + K (3 P1 - K n))
        set(q, count, 0);
        mul(q, -k);
        add(q, w, at, 3);
        mul(q, k);
        add(q, w, at + 2, -3);
        mul(q, k);
        add(q, w, at + 4, 1);
        double q3 = toDouble(q);
        // Q4 = P4 + K (-4 P3 + K (6 P2 + K (-4 P1 + K n)))
        set(q, count, 0);
        mul(q, k);
        add(q, w, at, -4);
        mul(q, k);
        add(q, w, at + 2, 6);
        mul(q, k);
        add(q, w, at + 4, -4);
        mul(q, k);
        add(q, w, at + 6, 1);
        double q4 = toDouble(q);
        p.m3[out] = q3 - 3 * d * q2 + 2 * n * d * d * d;
        p.m4[out] = q4 - 4 * d * q3 + 6 * d * d * q2 - 3 * n * d * d * d * d;
    }

    // 128-bit two's complement integers modulo 2^128 as {low, high} words.

    private static void set(long[] q, long lo, long hi) {
        q[0] = lo;
        q[1] = hi;
    }

    /** q += factor * (the 128-bit integer at words[at], words[at + 1]), factor small. */
    private static void add(long[] q, long[] words, int at, long factor) {
        long lo = words[at];
        long hi = words[at + 1];
        long plo = lo * factor;
        long phi = unsignedMultiplyHigh(lo, factor) - (factor < 0 ? lo : 0) + hi * factor;
        long s = q[0] + plo;
        q[1] += phi + (Long.compareUnsigned(s, plo) < 0 ? 1 : 0);
        q[0] = s;
    }

    /** q *= k (signed), modulo 2^128. */
    private static void mul(long[] q, long k) {
        long lo = q[0];
        long hi = q[1];
        q[0] = lo * k;
        q[1] = unsignedMultiplyHigh(lo, k) - (k < 0 ? lo : 0) + hi * k;
    }

    /** The high word of the unsigned 64 x 64-bit product (Math.unsignedMultiplyHigh of Java 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The 128-bit integer as float64 (within an ulp; exact below 2^63). */
    static double toDouble(long[] q) {
        long lo = q[0];
        long hi = q[1];
        if (hi == lo >> 63) {
            return lo;
        }
        boolean negative = hi < 0;
        if (negative) {
            lo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        double magnitude = Math.scalb((double) hi, 64) + unsignedToDouble(lo);
        return negative ? -magnitude : magnitude;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((double) (v >>> 1 | (v & 1))) * 2.0;
    }
}
