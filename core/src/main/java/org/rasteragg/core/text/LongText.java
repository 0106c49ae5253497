package org.rasteragg.core.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes integers as ASCII decimal digits into a byte array, the same text as {@link Long#toString(long)},
 * without allocating. Eight digits are made per 64-bit division and written by one 8-byte store, the
 * rest two per step from a 100-entry table.
 */
public final class LongText {

    /** The longest text of a long: "-9223372036854775808". */
    public static final int MAX_LENGTH = 20;

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long[] POWERS = new long[19];
    /** Eight bytes of a byte array as one little-endian long (one store for eight digits). */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
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
            EIGHT_BYTES.set(buf, p - 8, eightDigits((int) (v - q * 100_000_000L)));
            p -= 8;
            v = q;
        }
        int x = (int) v;
        if (x >= 10_000_000) {
            EIGHT_BYTES.set(buf, p - 8, eightDigits(x));
            return;
        }
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

    /**
     * The eight ASCII digits of {@code x < 10^8} (leading zeros kept) in one long, the first digit in
     * the lowest byte, so that one little-endian store writes them in order. The digits are split in
     * the lanes of the long: two 4-digit halves in 32-bit lanes, their 2-digit halves in 16-bit lanes,
     * then single digits in bytes; each split divides by 100 or 10 by a multiply and shift that is
     * exact below 10^4 and 100 (checked for every x below 10^8 by the tests).
     */
    static long eightDigits(int x) {
        int high = x / 10_000;
        long fours = high | (long) (x - high * 10_000) << 32;
        long hundreds = (fours * 10_486 >>> 20) & 0x0000_007F_0000_007FL;
        long twos = hundreds | (fours - hundreds * 100) << 16;
        long tens = (twos * 103 >>> 10) & 0x000F_000F_000F_000FL;
        long ones = tens | (twos - tens * 10) << 8;
        return ones + 0x3030_3030_3030_3030L;
    }

    private static void writePair(int n, byte[] buf, int pos) {
        buf[pos] = PAIRS[2 * n];
        buf[pos + 1] = PAIRS[2 * n + 1];
    }
}
