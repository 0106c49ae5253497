package org.rasteragg.core.text;

import java.nio.charset.StandardCharsets;

/**
 * Writes doubles as the text {@link Double#toString(double)} gives on JDK 19 and later: the shortest
 * decimal that reads back as the same double (the one closest to it among those, ties to an even last
 * digit; two digits at least, so the smallest subnormal is 4.9E-324), laid out as "123.45" for
 * 10^-3 <= |v| < 10^7 and as "1.2345E-5" otherwise, "-0.0", "Infinity", "NaN". Java 17's
 * Double.toString gives the same text except where it is not the shortest (JDK-4511638: 1.0E23
 * as 9.999999999999999E22, 1.6E-322 as 1.58E-322, variances near 10^18 with 18 digits; 0.3% of random
 * bit patterns, none of 2 million each of uint16 means, variances and standard deviations), so CSV
 * text no longer depends on the JDK.
 *
 * <p>The digits come from Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020):
 * the double's rounding interval [u, w] is scaled by 10^-k with k chosen so that its width lies in
 * [1, 10); then at most one multiple of ten lies inside (one digit fewer than the interval's
 * integers), else the integer nearest to the scaled value is the answer. The scaling multiplies by a
 * 126-bit over-estimate of 10^-k ({@link PowersOfTen}) and keeps a sticky bit (round to odd), which
 * the paper proves decides every comparison as exact arithmetic would. No loops over digits, no
 * allocation on the byte-array path.
 */
public final class DoubleText {

    /** The longest text: "-2.2250738585072014E-308". */
    public static final int MAX_LENGTH = 24;

    private static final int MANTISSA_BITS = 52;
    private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
    /** The exponent q of v = c * 2^q for subnormals and the smallest normals. */
    private static final int MIN_Q = -1074;
    private static final byte[] INFINITY = "Infinity".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);

    private DoubleText() {
    }

    /**
     * Writes {@code v} at {@code pos}; returns the index after the last byte written. {@code buf} needs
     * {@link #MAX_LENGTH} bytes free at {@code pos}.
     */
    public static int write(double v, byte[] buf, int pos) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> MANTISSA_BITS) & 0x7ff;
        long fraction = bits & MANTISSA_MASK;
        if (biased == 0x7ff) {
            if (fraction != 0) {
                return copy(NAN, buf, pos);
            }
            if (bits < 0) {
                buf[pos++] = '-';
            }
            return copy(INFINITY, buf, pos);
        }
        if (bits < 0) {
            buf[pos++] = '-';
        }
        if (biased == 0) {
            if (fraction == 0) {
                buf[pos] = '0';
                buf[pos + 1] = '.';
                buf[pos + 2] = '0';
                return pos + 3;
            }
            // The one- and two-ulp subnormals would get one digit ("5E-324"); the two digits Java
            // asks for come from ten times the significand, one decade lower (interval ten times narrower).
            return fraction < 3 ? shortest(10 * fraction, MIN_Q, -1, buf, pos) : shortest(fraction, MIN_Q, 0, buf, pos);
        }
        long c = fraction | 1L << MANTISSA_BITS;
        int q = biased - 1075;
        if (q < 0 && q > -MANTISSA_BITS - 1) {
            // An integer below 2^53: its interval is at most half wide, so it is its own shortest decimal.
            long integer = c >> -q;
            if (integer << -q == c) {
                return layout(integer, 0, buf, pos);
            }
        }
        return shortest(c, q, 0, buf, pos);
    }

    /**
     * Appends {@code v} to {@code sb} as {@link #write(double, byte[], int)} writes it (through a small
     * scratch array: callers writing many values should use the byte-array form).
     */
    public static StringBuilder append(StringBuilder sb, double v) {
        byte[] scratch = new byte[MAX_LENGTH];
        int n = write(v, scratch, 0);
        for (int i = 0; i < n; i++) {
            sb.append((char) scratch[i]);
        }
        return sb;
    }

    /** {@code v} as text, the same as JDK 19's {@link Double#toString(double)}. */
    public static String toString(double v) {
        byte[] scratch = new byte[MAX_LENGTH];
        return new String(scratch, 0, write(v, scratch, 0), StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the shortest decimal of c * 2^q (c > 0), whose digits are then scaled by 10^dk. All values
     * below are four times the real ones, so the interval's ends (half an ulp away, a quarter below a
     * power of two) are integers.
     */
    private static int shortest(long c, int q, int dk, byte[] buf, int pos) {
        long open = c & 1; // an even significand wins ties, so only an odd one's interval excludes its ends
        long center = c << 2;
        long upper = center + 2;
        long lower;
        int k;
        if (c == 1L << MANTISSA_BITS && q > MIN_Q) {
            // A power of two: the double below is half as far as the one above.
            lower = center - 1;
            k = PowersOfTen.floorLog10ThreeQuartersPow2(q);
        } else {
            lower = center - 2;
            k = PowersOfTen.floorLog10Pow2(q);
        }
        // x * 2^q * 10^-k = x * 2^shift * g / 2^128 with g ~ 10^-k * 2^(125 - floor(log2 10^-k));
        // shift is 3..6, so the shifted values stay below 2^62.
        int shift = q + PowersOfTen.floorLog2Pow10(-k) + 3;
        long gHigh = PowersOfTen.high(-k);
        long gLow = PowersOfTen.low(-k);
        long v = scaleToOdd(gHigh, gLow, center << shift);
        long u = scaleToOdd(gHigh, gLow, lower << shift);
        long w = scaleToOdd(gHigh, gLow, upper << shift);
        long s = v >> 2; // floor of the scaled value
        if (s >= 100) {
            // A multiple of ten in the interval has one digit fewer; the width is below ten, so at
            // most one of the two around v fits. Below 100 it would leave one digit: Java wants two.
            long below = s / 10 * 10;
            long above = below + 10;
            boolean belowIn = u + open <= below << 2;
            boolean aboveIn = (above << 2) + open <= w;
            if (belowIn != aboveIn) {
                return layout(belowIn ? below : above, k + dk, buf, pos);
            }
        }
        long t = s + 1;
        boolean sIn = u + open <= s << 2;
        boolean tIn = (t << 2) + open <= w;
        if (sIn != tIn) {
            return layout(sIn ? s : t, k + dk, buf, pos);
        }
        // Both fit (the width is at least one, so one always does): the nearer, ties to even.
        long fromMiddle = v - (2 * s + 1 << 1);
        boolean takeS = fromMiddle < 0 || fromMiddle == 0 && (s & 1) == 0;
        return layout(takeS ? s : t, k + dk, buf, pos);
    }

    /**
     * Round to odd of g * x / 2^128, g = gHigh * 2^64 + gLow (gLow unsigned, g < 2^126), 0 <= x < 2^62:
     * the floor with its lowest bit set when something below it was cut off. g exceeds 10^-k * 2^(125 -
     * floor(log2 10^-k)) by less than one, so the product's lowest 65 bits are noise (below x); only
     * bits 65..127 count as cut off, so exact quotients stay even, as the paper's rounding does.
     */
    private static long scaleToOdd(long gHigh, long gLow, long x) {
        long lowHigh = Math.multiplyHigh(gLow, x) + (gLow >> 63 & x); // unsigned high half, x >= 0
        long midLow = gHigh * x;
        long high = Math.multiplyHigh(gHigh, x);
        long mid = midLow + lowHigh; // bits 64..127 of the product
        long carry = (midLow & lowHigh | (midLow | lowHigh) & ~mid) >>> 63;
        return high + carry | (mid >>> 1) + Long.MAX_VALUE >>> 63;
    }

    /** Writes f * 10^e (f > 0) in Java's layout. */
    private static int layout(long f, int e, byte[] buf, int pos) {
        // Trailing zeros go into the exponent (integers and short decimals end with many).
        if (f % 10 == 0) {
            while (f % 100_000_000 == 0) {
                f /= 100_000_000;
                e += 8;
            }
            if (f % 10_000 == 0) {
                f /= 10_000;
                e += 4;
            }
            if (f % 100 == 0) {
                f /= 100;
                e += 2;
            }
            if (f % 10 == 0) {
                f /= 10;
                e += 1;
            }
        }
        int digits = LongText.digitCount(f);
        int exponent = digits + e - 1; // of the first digit
        if (exponent >= 0 && exponent < 7) {
            int integerDigits = exponent + 1;
            if (digits <= integerDigits) {
                LongText.writeDigits(f, buf, pos + digits);
                int end = pos + integerDigits;
                for (int i = pos + digits; i < end; i++) {
                    buf[i] = '0';
                }
                buf[end] = '.';
                buf[end + 1] = '0';
                return end + 2;
            }
            // Write the digits one place to the right, then move the integer part back over the point.
            LongText.writeDigits(f, buf, pos + 1 + digits);
            System.arraycopy(buf, pos + 1, buf, pos, integerDigits);
            buf[pos + integerDigits] = '.';
            return pos + 1 + digits;
        }
        if (exponent < 0 && exponent >= -3) {
            buf[pos] = '0';
            buf[pos + 1] = '.';
            int start = pos + 2;
            for (int i = 0; i < -exponent - 1; i++) {
                buf[start++] = '0';
            }
            LongText.writeDigits(f, buf, start + digits);
            return start + digits;
        }
        LongText.writeDigits(f, buf, pos + 1 + digits);
        buf[pos] = buf[pos + 1];
        buf[pos + 1] = '.';
        int end = pos + 1 + digits;
        if (digits == 1) {
            buf[end++] = '0';
        }
        buf[end++] = 'E';
        return LongText.write(exponent, buf, end);
    }

    private static int copy(byte[] text, byte[] buf, int pos) {
        System.arraycopy(text, 0, buf, pos, text.length);
        return pos + text.length;
    }
}
