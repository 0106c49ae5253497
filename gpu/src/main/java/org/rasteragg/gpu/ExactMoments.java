package org.rasteragg.gpu;

import java.math.BigInteger;
import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.state.Features;

/**
 * Turns the kernel's exact integer power sums into the state core keeps (count, coordinate sums,
 * shift, shifted sum, central moments M2..M4, min, max), computing each moment from integers with
 * one rounding at the end:
 * <pre>
 *   n   M2 = n P2 - P1^2
 *   n^2 M3 = n^2 P3 - 3 n P1 P2 + 2 P1^3
 *   n^3 M4 = n^3 P4 - 4 n^2 P1 P3 + 6 n P1^2 P2 - 3 P1^4
 * </pre>
 * (P_k = sum of v^k), so the moments are the correctly rounded float64 of the exact ones. The shift
 * is floor(P1 / n), an integer, so the shifted sum P1 - n K lies in [0, n) and the sum
 * {@code shifted + n K} is the exact sum as long as it is below 2^53 (as on the CPU).
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
        BigInteger n = BigInteger.valueOf(count);
        BigInteger p1 = sum(acc, s, c, 1);
        BigInteger shift = floorDiv(p1, n);
        p.shifts[out] = shift.doubleValue();
        p.sums[out] = p1.subtract(n.multiply(shift)).doubleValue();
        if (order < 2) {
            return;
        }
        BigInteger p2 = sum(acc, s, c, 2);
        p.m2[out] = ratio(n.multiply(p2).subtract(p1.multiply(p1)), n);
        if (order < 4) {
            return;
        }
        BigInteger p3 = sum(acc, s, c, 3);
        BigInteger p4 = sum(acc, s, c, 4);
        BigInteger nn = n.multiply(n);
        BigInteger p1p1 = p1.multiply(p1);
        BigInteger three = BigInteger.valueOf(3);
        BigInteger m3 = nn.multiply(p3).subtract(three.multiply(n).multiply(p1).multiply(p2))
                .add(BigInteger.TWO.multiply(p1p1).multiply(p1));
        p.m3[out] = ratio(m3, nn);
        BigInteger m4 = nn.multiply(n).multiply(p4).subtract(BigInteger.valueOf(4).multiply(nn).multiply(p1).multiply(p3))
                .add(BigInteger.valueOf(6).multiply(n).multiply(p1p1).multiply(p2))
                .subtract(three.multiply(p1p1).multiply(p1p1));
        p.m4[out] = ratio(m4, nn.multiply(n));
    }

    /** sum(v^k) of (slot, channel) as an integer. */
    static BigInteger sum(Accumulators acc, int slot, int channel, int k) {
        int at = acc.sumAt(slot, channel, k);
        return int128(acc.sums[at], acc.sums[at + 1]);
    }

    /** The 128-bit two's complement integer with words (lo, hi). */
    static BigInteger int128(long lo, long hi) {
        BigInteger low = BigInteger.valueOf(lo & Long.MAX_VALUE);
        if (lo < 0) {
            low = low.setBit(63);
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(low);
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** {@code num / den} (den > 0) correctly rounded to float64 (subnormals aside). */
    static double ratio(BigInteger num, BigInteger den) {
        if (num.signum() == 0) {
            return 0.0;
        }
        BigInteger a = num.abs();
        if (a.bitLength() <= 53 && den.bitLength() <= 53) {
            return num.doubleValue() / den.doubleValue(); // exact operands: one IEEE rounding
        }
        // A quotient of at least 55 bits plus a sticky bit for a nonzero remainder rounds exactly
        // as the infinitely precise quotient does.
        int shift = 55 + den.bitLength() - a.bitLength();
        BigInteger[] qr = shift >= 0 ? a.shiftLeft(shift).divideAndRemainder(den)
                : a.divideAndRemainder(den.shiftLeft(-shift));
        BigInteger q = qr[0].shiftLeft(1);
        if (qr[1].signum() != 0) {
            q = q.setBit(0);
        }
        double magnitude = Math.scalb(q.doubleValue(), -shift - 1);
        return num.signum() < 0 ? -magnitude : magnitude;
    }
}
