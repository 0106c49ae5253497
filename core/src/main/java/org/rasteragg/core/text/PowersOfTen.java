package org.rasteragg.core.text;

/**
 * 126-bit approximations of the powers of ten a double's decimal needs, and the integer
 * logarithms that pick them. For every e in [{@link #MIN_EXPONENT}, {@link #MAX_EXPONENT}],
 * g(e) = floor(10^e * 2^(125 - floor(log2 10^e))) + 1 lies in (2^125, 2^126): a slight
 * over-estimate with 125 bits after the leading one, which Schubfach (R. Giulietti, "The Schubfach
 * way to render doubles") proves enough to decide every comparison of a double's rounding interval
 * with a decimal exactly.
 *
 * <p>The values are literals ({@link PowersOfTenTable}, written by tools/codegen/MakePowersOfTen.java):
 * computing them with BigInteger at class load cost 30-130 ms on the first double of a cold command.
 */
final class PowersOfTen {

    /** 10^-k for the largest double: k = floor(log10 2^971) = 292. */
    static final int MIN_EXPONENT = PowersOfTenTable.MIN_EXPONENT;
    /** 10^-k for the smallest subnormal: k = floor(log10 2^-1074) = -324. */
    static final int MAX_EXPONENT = PowersOfTenTable.MAX_EXPONENT;

    private static final long[] G = PowersOfTenTable.G;

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
}
