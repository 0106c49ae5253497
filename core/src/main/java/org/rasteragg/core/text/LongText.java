package org.rasteragg.core.text;

/**
 * Writes integers as ASCII decimal digits into a byte array, the same text as {@link Long#toString(long)},
 * without allocating. Two digits are written per step from a 100-entry table, eight digits per 64-bit
 * division.
 */
public final class LongText {

    /** The longest text of a long: "-9223372036854775808". */
    public static final int MAX_LENGTH = 20;

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long[] POWERS = new long[19];
    /** The two ASCII digits of 0..99, tens at [2n], ones at [2n + 1]. */
    private static final byte[] PAIRS = new byte[200];

    static {
        long p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
        for (int n = 0; n < 100; n++) {
            PAIRS[2 * n] = (byte) ('0' + n / 10);
            PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
        }
    }

    private LongText() {
    }

    /**
     * Writes {@code v} at {@code pos}; returns the index after the last byte written. {@code buf} needs
     * {@link #MAX_LENGTH} bytes free at {@code pos}.
     */
    public static int write(long v, byte[] buf, int pos) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                System.arraycopy(MIN_VALUE, 0, buf, pos, MIN_VALUE.length);
                return pos + MIN_VALUE.length;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int end = pos + digitCount(v);
        writeDigits(v, buf, end);
        return end;
    }

    /**
     * Writes {@code v} read as an unsigned 64-bit integer (the text of {@link Long#toUnsignedString(long)},
     * at most 20 digits) at {@code pos}; returns the index after the last byte written.
     */
    public static int writeUnsigned(long v, byte[] buf, int pos) {
        if (v >= 0) {
            return write(v, buf, pos);
        }
        long tens = (v >>> 1) / 5;
        int end = write(tens, buf, pos);
        buf[end] = (byte) ('0' + (v - tens * 10));
        return end + 1;
    }

    /** The number of decimal digits of {@code v >= 0} (1 for 0). */
    static int digitCount(long v) {
        // floor(bits * log10 2) is the digit count or one less; one comparison decides which
        int guess = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12;
        return guess < POWERS.length && v >= POWERS[guess] ? guess + 1 : Math.max(guess, 1);
    }

    /** Writes the digits of {@code v >= 0} so that the last one lands at {@code end - 1}. */
    static void writeDigits(long v, byte[] buf, int end) {
        int p = end;
        while (v >= 100_000_000L) {
            long q = v / 100_000_000L;
            writeEight((int) (v - q * 100_000_000L), buf, p - 8);
            p -= 8;
            v = q;
        }
        int x = (int) v;
        while (x >= 100) {
            int q = x / 100;
            p -= 2;
            writePair(x - q * 100, buf, p);
            x = q;
        }
        if (x >= 10) {
            writePair(x, buf, p - 2);
        } else {
            buf[p - 1] = (byte) ('0' + x);
        }
    }

    /** Writes {@code x < 10^8} as exactly eight digits (leading zeros kept) at {@code pos}. */
    private static void writeEight(int x, byte[] buf, int pos) {
        int high = x / 10_000;
        int low = x - high * 10_000;
        int hh = high / 100;
        int lh = low / 100;
        writePair(hh, buf, pos);
        writePair(high - hh * 100, buf, pos + 2);
        writePair(lh, buf, pos + 4);
        writePair(low - lh * 100, buf, pos + 6);
    }

    private static void writePair(int n, byte[] buf, int pos) {
        buf[pos] = PAIRS[2 * n];
        buf[pos + 1] = PAIRS[2 * n + 1];
    }
}
