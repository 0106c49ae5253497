package org.rasteragg.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TextPropertyTest {

    @Provide
    Arbitrary<Double> anyBits() {
        return Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d));
    }

    @Provide
    Arbitrary<Double> statisticLike() {
        return Arbitraries.oneOf(
                uniform(0, 65535),
                uniform(0, 65535.0 * 65535.0),
                Arbitraries.longs().between(1, 1L << 40).flatMap(sum -> Arbitraries.longs().between(1, 1L << 24)
                        .map(n -> (double) sum / n)),
                uniform(1e-4, 1e-2),
                uniform(9e6, 1.1e7));
    }

    /** Doubles spread over [from, to) with all their digits (jqwik's own doubles have a fixed decimal scale). */
    private static Arbitrary<Double> uniform(double from, double to) {
        return Arbitraries.randomValue(r -> from + r.nextDouble() * (to - from));
    }

    @Property(tries = 20_000)
    void readsBackAsTheSameDouble(@ForAll("anyBits") double v) {
        String text = DoubleText.toString(v);
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(text))).isEqualTo(Double.doubleToRawLongBits(v));
    }

    @Property(tries = 20_000)
    void equalsThisJdksTextWhereverThatIsAsShort(@ForAll("anyBits") double v) {
        checkAgainstJdk(v);
    }

    /** Found by the property above in CI: Java 17 gives the farther of two 17-digit texts. */
    @Test
    void wherever17GivesTheFartherOfTwoEquallyShortTextsOursIsTheNearer() {
        double v = Double.longBitsToDouble(0x4530000000000335L);
        assertThat(DoubleText.toString(v)).isEqualTo("1.9342813113837593E25");
        assertThat(JavaTextOracle.allowedDifference(v, "1.9342813113837592E25", "1.9342813113837593E25")).isEqualTo("nearer");
        assertThat(JavaTextOracle.allowedDifference(v, "1.9342813113837593E25", "1.9342813113837592E25")).isNull();
        checkAgainstJdk(v);
    }

    @Property(tries = 20_000)
    void statisticValuesEqualThisJdksTextWhereverThatIsAsShort(@ForAll("statisticLike") double v) {
        checkAgainstJdk(v);
        checkAgainstJdk(-v);
    }

    private static void checkAgainstJdk(double v) {
        String mine = DoubleText.toString(v);
        String jdk = Double.toString(v);
        if (!mine.equals(jdk)) {
            assertThat(JavaTextOracle.allowedDifference(v, jdk, mine)).as("%s, this JDK: %s", mine, jdk).isNotNull();
        }
    }

    @Property(tries = 5_000)
    void writesOnlyItsOwnBytes(@ForAll("anyBits") double v, @ForAll long n) {
        byte[] buf = new byte[2 * DoubleText.MAX_LENGTH + LongText.MAX_LENGTH];
        Arrays.fill(buf, (byte) '#');
        int mid = DoubleText.write(v, buf, 3);
        buf[mid] = ' ';
        int end = LongText.write(n, buf, mid + 1);
        assertThat(new String(buf, 0, end + 1, StandardCharsets.US_ASCII))
                .isEqualTo("###" + DoubleText.toString(v) + " " + n + "#");
        assertThat(end - mid - 1).isLessThanOrEqualTo(LongText.MAX_LENGTH);
        assertThat(mid - 3).isLessThanOrEqualTo(DoubleText.MAX_LENGTH);
    }

    @Property(tries = 20_000)
    void longTextEqualsLongToString(@ForAll long n) {
        byte[] buf = new byte[LongText.MAX_LENGTH];
        int end = LongText.write(n, buf, 0);
        assertThat(new String(buf, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
    }

    @Test
    void longTextOfEveryLengthAndBothEnds() {
        long p = 1;
        for (int k = 0; k <= 18; k++, p *= 10) {
            for (long n : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1}) {
                longTextEqualsLongToString(n);
            }
        }
        longTextEqualsLongToString(Long.MIN_VALUE);
        longTextEqualsLongToString(Long.MAX_VALUE);
    }
}
