package org.rasteragg.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PowersOfTenTest {

    private static final BigInteger TWO = BigInteger.TWO;

    /** floor(log10(a / b)) for positive integers, by comparing with exact powers of ten. */
    private static int floorLog10(BigInteger a, BigInteger b) {
        int j = a.toString().length() - b.toString().length();
        while (compareWithPow10(a, b, j) < 0) {
            j--;
        }
        while (compareWithPow10(a, b, j + 1) >= 0) {
            j++;
        }
        return j;
    }

    /** The sign of a / b - 10^j. */
    private static int compareWithPow10(BigInteger a, BigInteger b, int j) {
        return j >= 0 ? a.compareTo(b.multiply(BigInteger.TEN.pow(j))) : a.multiply(BigInteger.TEN.pow(-j)).compareTo(b);
    }

    private static BigInteger[] pow2(int q) {
        return q >= 0 ? new BigInteger[] {TWO.pow(q), BigInteger.ONE} : new BigInteger[] {BigInteger.ONE, TWO.pow(-q)};
    }

    @Test
    void floorLog10Pow2IsExactForEveryExponentWithin2000() {
        for (int q = -2000; q <= 2000; q++) {
            BigInteger[] p = pow2(q);
            assertThat(PowersOfTen.floorLog10Pow2(q)).as("q=%d", q).isEqualTo(floorLog10(p[0], p[1]));
        }
    }

    @Test
    void floorLog10ThreeQuartersPow2IsExactForEveryExponentWithin2000() {
        for (int q = -2000; q <= 2000; q++) {
            BigInteger[] p = pow2(q);
            int expected = floorLog10(p[0].multiply(BigInteger.valueOf(3)), p[1].shiftLeft(2));
            assertThat(PowersOfTen.floorLog10ThreeQuartersPow2(q)).as("q=%d", q).isEqualTo(expected);
        }
    }

    @Test
    void floorLog2Pow10IsExactForEveryExponentWithin400() {
        for (int e = -400; e <= 400; e++) {
            BigInteger p = BigInteger.TEN.pow(Math.abs(e));
            int expected = e >= 0 ? p.bitLength() - 1 : -p.bitLength(); // 10^|e| > 1 is no power of two
            assertThat(PowersOfTen.floorLog2Pow10(e)).as("e=%d", e).isEqualTo(expected);
        }
    }

    @Test
    void everyEntryIsTheNext126BitIntegerAboveItsPowerOfTen() {
        for (int e = PowersOfTen.MIN_EXPONENT; e <= PowersOfTen.MAX_EXPONENT; e++) {
            BigInteger g = BigInteger.valueOf(PowersOfTen.high(e)).shiftLeft(64)
                    .add(new BigInteger(Long.toUnsignedString(PowersOfTen.low(e))));
            assertThat(g.bitLength()).as("e=%d", e).isEqualTo(126);
            // g - 1 <= 10^e * 2^s < g with s = 125 - floor(log2 10^e), checked by cross-multiplying
            int s = 125 - PowersOfTen.floorLog2Pow10(e);
            BigInteger num = e >= 0 ? BigInteger.TEN.pow(e) : BigInteger.ONE;
            BigInteger den = e >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-e);
            if (s >= 0) {
                num = num.shiftLeft(s);
            } else {
                den = den.shiftLeft(-s);
            }
            assertThat(g.subtract(BigInteger.ONE).multiply(den)).as("e=%d", e).isLessThanOrEqualTo(num);
            assertThat(g.multiply(den)).as("e=%d", e).isGreaterThan(num);
        }
    }

    @Test
    void theTableCoversTheDecadesOfEveryFiniteDouble() {
        assertThat(-PowersOfTen.floorLog10Pow2(-1074)).isEqualTo(PowersOfTen.MAX_EXPONENT);
        assertThat(-PowersOfTen.floorLog10Pow2(971)).isEqualTo(PowersOfTen.MIN_EXPONENT);
        assertThat(-PowersOfTen.floorLog10ThreeQuartersPow2(971)).isGreaterThanOrEqualTo(PowersOfTen.MIN_EXPONENT);
        assertThat(-PowersOfTen.floorLog10ThreeQuartersPow2(-1073)).isLessThanOrEqualTo(PowersOfTen.MAX_EXPONENT);
    }

    /** DoubleText shifts 4c + 2 < 2^55 left by q + floor(log2 10^-k) + 3: that must stay within 3..6 (below 2^62). */
    @Test
    void theScalingShiftStaysBetweenThreeAndSixForEveryExponent() {
        for (int q = -1074; q <= 971; q++) {
            for (int k : new int[] {PowersOfTen.floorLog10Pow2(q), PowersOfTen.floorLog10ThreeQuartersPow2(q)}) {
                assertThat(q + PowersOfTen.floorLog2Pow10(-k) + 3).as("q=%d k=%d", q, k).isBetween(3, 6);
            }
        }
    }
}
