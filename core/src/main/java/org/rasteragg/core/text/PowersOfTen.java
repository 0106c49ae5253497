package org.rasteragg.core.text;

import java.math.BigInteger;

/**
 * 126-bit approximations of the powers of ten a double's decimal needs, and the integer
 * logarithms that pick them. For every e in [{@link #MIN_EXPONENT}, {@link #MAX_EXPONENT}],
 * g(e) = floor(10^e * 2^(125 - floor(log2 10^e))) + 1 lies in (2^125, 2^126): a slight
 * over-estimate with 125 bits after the leading one, which Schubfach (R. Giulietti, "The Schubfach
 * way to render doubles") proves enough to decide every comparison of a double's rounding interval
 * with a decimal exactly.
 *
 * <p>The table is computed once from exact integers (BigInteger) instead of being pasted in as
 * literals: a few hundred divisions at class load, and no generated source to keep in step.
 */
final class PowersOfTen {

    /** 10^-k for the largest double: k = floor(log10 2^971) = 292. */
    static final int MIN_EXPONENT = -292;
    /** 10^-k for the smallest subnormal: k = floor(log10 2^-1074) = -324. */
    static final int MAX_EXPONENT = 324;

    /** g(e) >> 64 (below 2^62) at [2 * (e - MIN_EXPONENT)], its low 64 bits at the next index. */
    private static final long[] G = table();

    private PowersOfTen() {
    }

    /** The high part of g(e): bits 64..125. */
    static long high(int e) {
        return G[2 * (e - MIN_EXPONENT)];
    }

    /** The low 64 bits of g(e), unsigned. */
    static long low(int e) {
        return G[2 * (e - MIN_EXPONENT) + 1];
    }

    /** floor(log10(2^q)) for |q| <= 2000 (exhaustively checked by the tests). */
    static int floorLog10Pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 * 2^q)) for |q| <= 2000: the decade of the narrower interval below a power of two. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(log2(10^e)) for |e| <= 400. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    private static long[] table() {
        long[] g = new long[2 * (MAX_EXPONENT - MIN_EXPONENT + 1)];
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int e = MIN_EXPONENT; e <= MAX_EXPONENT; e++) {
            BigInteger value = approximation(e);
            int i = 2 * (e - MIN_EXPONENT);
            g[i] = value.shiftRight(64).longValueExact();
            g[i + 1] = value.and(mask64).longValue();
        }
        return g;
    }

    /** g(e) as defined above, exactly. */
    static BigInteger approximation(int e) {
        BigInteger scaled;
        if (e >= 0) {
            BigInteger p = BigInteger.TEN.pow(e);
            int shift = 125 - (p.bitLength() - 1); // floor(log2 10^e) = bitLength - 1
            scaled = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
        } else {
            BigInteger p = BigInteger.TEN.pow(-e);
            // 10^-e is no power of two, so floor(log2 10^e) = -ceil(log2 10^-e) = -bitLength
            scaled = BigInteger.ONE.shiftLeft(125 + p.bitLength()).divide(p);
        }
        return scaled.add(BigInteger.ONE);
    }
}
