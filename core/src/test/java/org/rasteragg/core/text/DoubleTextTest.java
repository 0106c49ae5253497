package org.rasteragg.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link DoubleText} with Java 25's Double.toString on the 200,036 doubles of
 * {@code text/double_text.txt.gz} (tools/fixtures/core/MakeDoubleTextFixture.java): random bit patterns,
 * subnormals, powers of two and ten with their neighbours, the plain/E notation edges, means, variances
 * and standard deviations of uint16 data, integers up to 2^53, short decimals.
 */
class DoubleTextTest {

    private static List<String> expected;

    @BeforeAll
    static void readFixture() throws IOException {
        expected = new ArrayList<>();
        try (InputStream in = DoubleTextTest.class.getResourceAsStream("/text/double_text.txt.gz");
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    expected.add(line);
                }
            }
        }
    }

    @Test
    void everyFixtureValueGetsJava25sTextByteForByte() {
        assertThat(expected).hasSize(200_036);
        byte[] buf = new byte[64];
        List<String> wrong = new ArrayList<>();
        for (String text : expected) {
            Arrays.fill(buf, (byte) '#');
            double v = Double.parseDouble(text); // the text reads back as the double it came from (checked when written)
            int end = DoubleText.write(v, buf, 7);
            String written = new String(buf, 7, end - 7, StandardCharsets.US_ASCII);
            if (!written.equals(text) || buf[6] != '#' || buf[end] != '#') {
                wrong.add(text + " -> " + written);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theStringAndStringBuilderFormsGiveTheSameText() {
        StringBuilder sb = new StringBuilder("x=");
        for (int i = 0; i < expected.size(); i += 97) {
            String text = expected.get(i);
            double v = Double.parseDouble(text);
            assertThat(DoubleText.toString(v)).isEqualTo(text);
            sb.setLength(2);
            assertThat(DoubleText.append(sb, v).toString()).isEqualTo("x=" + text);
        }
    }

    /** The byte-array paths allocate nothing: a column of 10^7 values makes no garbage. */
    @Test
    void writingIntoAByteArrayAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        double[] values = expected.stream().limit(20_000).mapToDouble(Double::parseDouble).toArray();
        byte[] buf = new byte[DoubleText.MAX_LENGTH + LongText.MAX_LENGTH];
        long id = Thread.currentThread().getId();
        writeAll(values, buf); // loads and initializes the classes (their tables are allocated once)
        long before = threads.getThreadAllocatedBytes(id);
        long check = writeAll(values, buf);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(check).isPositive();
        assertThat(allocated).as("bytes allocated by 40,000 writes").isLessThan(1024);
    }

    private static long writeAll(double[] values, byte[] buf) {
        long check = 0;
        for (double v : values) {
            check += DoubleText.write(v, buf, 0);
            check += LongText.write(Double.doubleToRawLongBits(v), buf, 0);
        }
        return check;
    }

    @Test
    void nanIsWrittenAsJavaWritesIt() {
        assertThat(DoubleText.toString(Double.NaN)).isEqualTo("NaN");
        assertThat(DoubleText.toString(Double.longBitsToDouble(0xfff8_0000_0000_0001L))).isEqualTo("NaN");
    }

    @Test
    void theLongestTextsFitTheAdvertisedLength() {
        assertThat(DoubleText.toString(-Double.MIN_NORMAL)).isEqualTo("-2.2250738585072014E-308")
                .hasSize(DoubleText.MAX_LENGTH);
        assertThat(DoubleText.toString(-1.2345678901234567E-100)).hasSizeLessThanOrEqualTo(DoubleText.MAX_LENGTH);
    }

    /** Where this JDK's Double.toString differs from the reference, it is only for the known reasons. */
    @Test
    void thisJdksTextDiffersOnlyWhereItIsNotTheShortest() {
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        for (String text : expected) {
            double v = Double.parseDouble(text);
            String jdk = Double.toString(v);
            if (!jdk.equals(text)) {
                String why = JavaTextOracle.allowedDifference(v, jdk, text);
                if (why == null) {
                    unexplained.add(text + " (this JDK: " + jdk + ")");
                } else {
                    reasons.merge(why, 1, Integer::sum);
                }
            }
        }
        assertThat(unexplained).isEmpty();
        System.out.println("DoubleTextTest: Java " + Runtime.version().feature() + "'s Double.toString differs on "
                + reasons.values().stream().mapToInt(Integer::intValue).sum() + " of " + expected.size()
                + " fixture values " + reasons);
        if (Runtime.version().feature() == 17) {
            // JDK-4511638's cases are rare but not absent: a sample this varied always meets some
            assertThat(reasons).containsKeys("longer", "one digit");
        }
    }
}
