package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.state.Features;

/** The host's conversion of exact power sums to moments, against a two-pass BigDecimal reference. */
class ExactMomentsTest {

    /** The 128-bit two's complement integer with words (lo, hi). */
    static BigInteger int128(long lo, long hi) {
        BigInteger low = BigInteger.valueOf(lo & Long.MAX_VALUE);
        if (lo < 0) {
            low = low.setBit(63);
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(low);
    }

    @Test
    void add128CarriesOutOfTheLowWord() {
        long[] sums = new long[2];
        long v4 = 65535L * 65535L * 65535L * 65535L; // above 2^63: negative as a long, the same bits as a u64
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 1000; i++) {
            KernelEmulation.add128(sums, 0, v4, 0);
            expected = expected.add(new BigInteger(Long.toUnsignedString(v4)));
        }
        assertThat(int128(sums[0], sums[1])).isEqualTo(expected);
        KernelEmulation.add128(sums, 0, -1, -1); // adding -1
        assertThat(int128(sums[0], sums[1])).isEqualTo(expected.subtract(BigInteger.ONE));
    }

    @Test
    void wideIntegersConvertToWithinTwoUlp() {
        Random r = new Random(4);
        for (int i = 0; i < 1000; i++) {
            BigInteger v = new BigInteger(1 + r.nextInt(110), r);
            v = r.nextBoolean() ? v.negate() : v;
            long[] q = {v.longValue(), v.shiftRight(64).longValue()};
            double exact = v.doubleValue();
            assertThat(ExactMoments.toDouble(q)).as(v.toString()).isCloseTo(exact,
                    org.assertj.core.data.Offset.offset(2 * Math.ulp(exact))); // two roundings
        }
    }

    /** Moments from power sums, against the two-pass definition in 80-digit decimals. */
    @ParameterizedTest
    @ValueSource(strings = {"uint16 wide", "uint16 near-constant", "int16 signed", "uint16 constant", "uint8 small"})
    void momentsOfPowerSumsMatchTheTwoPassReference(String sample) {
        Random r = new Random(sample.hashCode());
        int[] values = new int[sample.contains("small") ? 3 : 777];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (sample) {
                case "uint16 wide" -> 60000 + r.nextInt(5000) - (i % 13 == 0 ? 40000 : 0);
                case "uint16 near-constant" -> i == 3 ? 64999 : 65000; // mean just below an integer
                case "int16 signed" -> r.nextInt(65536) - 32768;
                case "uint16 constant" -> 65535;
                default -> 255 - i;
            };
        }
        Accumulators acc = new Accumulators(1, 1, 4, false, false);
        boolean signed = sample.startsWith("int");
        for (int v : values) {
            long t = 1;
            for (int k = 1; k <= 4; k++) {
                t *= v;
                KernelEmulation.add128(acc.sums, acc.sumAt(0, 0, k), t, signed && t < 0 ? -1 : 0); // as the kernel's power()
            }
        }
        acc.counts[0] = values.length;
        BlockPartial p = ExactMoments.partial(acc, new long[] {42}, 0, 1, new Features(4, false, false));
        MathContext mc = new MathContext(80);
        BigDecimal sum = BigDecimal.ZERO;
        for (int v : values) {
            sum = sum.add(BigDecimal.valueOf(v));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(values.length), mc);
        BigDecimal[] m = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (int v : values) {
            BigDecimal d = BigDecimal.valueOf(v).subtract(mean);
            m[0] = m[0].add(d.pow(2));
            m[1] = m[1].add(d.pow(3));
            m[2] = m[2].add(d.pow(4));
        }
        assertThat(p.shifts[0] * values.length + p.sums[0]).as("sum").isEqualTo(sum.doubleValue());
        assertThat(Math.abs(p.sums[0])).as("shifted sum").isLessThanOrEqualTo(values.length / 2.0);
        // Within a few ulp of the scale: M2 of the variance, M3 and M4 of sd^3 n and sd^4 n.
        double m2 = m[0].doubleValue();
        double sd = Math.sqrt(m2 / values.length);
        assertThat(Math.abs(p.m2[0] - m2)).as("M2").isLessThanOrEqualTo(1e-15 * m2);
        assertThat(Math.abs(p.m3[0] - m[1].doubleValue())).as("M3")
                .isLessThanOrEqualTo(1e-14 * Math.max(Math.abs(m[1].doubleValue()), values.length * sd * sd * sd));
        assertThat(Math.abs(p.m4[0] - m[2].doubleValue())).as("M4").isLessThanOrEqualTo(1e-14 * m[2].doubleValue());
    }
}
