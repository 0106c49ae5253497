package org.rasteragg.core.state;

/**
 * Signed 128-bit integers held as two longs (high word at {@code i}, low word at {@code i + 1}
 * of a {@code long[]}): exact sums of squared voxel coordinates, which pass 2^63 for labels of
 * 10^8 voxels at coordinates of 10^5 and pass 2^53 (float64's exact range) much earlier.
 * Stateless and thread-safe.
 */
public final class Int128 {

    private static final double TWO_64 = 0x1p64;

    private Int128() {
    }

    /** {@code a[i..i+1] += (hi, lo)}. */
    public static void add(long[] a, int i, long hi, long lo) {
        long sum = a[i + 1] + lo;
        long carry = Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        a[i + 1] = sum;
        a[i] += hi + carry;
    }

    /** {@code a[i..i+1] += x}, a signed long. */
    public static void add(long[] a, int i, long x) {
        add(a, i, x >> 63, x);
    }

    /** {@code a[i..i+1] += x * y}, exactly. */
    public static void addProduct(long[] a, int i, long x, long y) {
        add(a, i, Math.multiplyHigh(x, y), x * y);
    }

    /** The high word of the unsigned product of {@code x} and {@code y} (Math.unsignedMultiplyHigh is Java 18). */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /**
     * {@code n * (hi, lo) - x * y} as float64 (rounded once or twice), for {@code n >= 0} and a
     * non-negative 128-bit value whose product with {@code n} stays below 2^127: the numerator of a
     * covariance, {@code n S_ab - S_a S_b}, computed without cancellation.
     */
    public static double scaledMinusProduct(long n, long hi, long lo, long x, long y) {
        long[] r = {n * hi + unsignedMultiplyHigh(n, lo), n * lo};
        add(r, 0, ~Math.multiplyHigh(x, y), ~(x * y));
        add(r, 0, 0, 1);
        return toDouble(r[0], r[1]);
    }

    /** The value as float64: sign and magnitude first, so the two words never cancel. */
    public static double toDouble(long hi, long lo) {
        if (hi < 0) {
            long nlo = -lo;
            long nhi = ~hi + (lo == 0 ? 1 : 0);
            return -magnitude(nhi, nlo);
        }
        return magnitude(hi, lo);
    }

    private static double magnitude(long hi, long lo) {
        double low = lo >= 0 ? lo : (double) (lo >>> 1) * 2.0 + (lo & 1);
        return hi * TWO_64 + low;
    }
}
