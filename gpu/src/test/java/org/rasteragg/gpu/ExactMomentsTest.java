package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.state.Features;

/** The host's conversion of exact power sums to moments, against BigDecimal arithmetic. */
class ExactMomentsTest {

    @Test
    void ratioIsTheCorrectlyRoundedQuotient() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            BigInteger num = new BigInteger(1 + r.nextInt(200), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
            BigInteger den = new BigInteger(1 + r.nextInt(120), r).add(BigInteger.ONE);
            double expected = new BigDecimal(num).divide(new BigDecimal(den), new MathContext(60)).doubleValue();
            assertThat(ExactMoments.ratio(num, den)).as(num + " / " + den).isEqualTo(expected);
        }
    }

    @Test
    void int128ReadsTwosComplementWords() {
        assertThat(ExactMoments.int128(-1L, 0L)).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        assertThat(ExactMoments.int128(-5L, -1L)).isEqualTo(BigInteger.valueOf(-5));
        assertThat(ExactMoments.int128(0L, 1L)).isEqualTo(BigInteger.ONE.shiftLeft(64));
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
        assertThat(ExactMoments.int128(sums[0], sums[1])).isEqualTo(expected);
    }

    /** Moments of a known sample from its power sums, against a two-pass BigDecimal reference. */
    @Test
    void momentsOfPowerSumsMatchTheTwoPassReference() {
        int[] values = new int[777];
        Random r = new Random(9);
        for (int i = 0; i < values.length; i++) {
            values[i] = 60000 + r.nextInt(5000) - (i % 13 == 0 ? 40000 : 0);
        }
        Accumulators acc = new Accumulators(1, 1, 4, false, true);
        for (int v : values) {
            for (int k = 1; k <= 4; k++) {
                long t = 1;
                for (int j = 0; j < k; j++) {
                    t *= v;
                }
                KernelEmulation.add128(acc.sums, acc.sumAt(0, 0, k), t, 0);
            }
        }
        acc.counts[0] = values.length;
        BlockPartial p = ExactMoments.partial(acc, new long[] {42}, 0, 1, new Features(4, false, false));
        MathContext mc = new MathContext(80);
        BigDecimal n = BigDecimal.valueOf(values.length);
        BigDecimal sum = BigDecimal.ZERO;
        for (int v : values) {
            sum = sum.add(BigDecimal.valueOf(v));
        }
        BigDecimal mean = sum.divide(n, mc);
        BigDecimal[] m = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (int v : values) {
            BigDecimal d = BigDecimal.valueOf(v).subtract(mean);
            m[0] = m[0].add(d.pow(2));
            m[1] = m[1].add(d.pow(3));
            m[2] = m[2].add(d.pow(4));
        }
        assertThat(p.shifts[0] * values.length + p.sums[0]).isEqualTo(sum.doubleValue());
        assertThat(p.sums[0]).isBetween(0.0, values.length - 1.0);
        assertThat(p.m2[0]).isEqualTo(m[0].doubleValue());
        assertThat(p.m3[0]).isEqualTo(m[1].doubleValue());
        assertThat(p.m4[0]).isEqualTo(m[2].doubleValue());
    }
}
