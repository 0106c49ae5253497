package org.rasteragg.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The eight-digits-per-store path of {@link LongText}, checked on every input it can get. */
class LongTextTest {

    @Test
    void eightDigitsOfEveryNumberBelowTenToTheEight() {
        byte[] expected = new byte[8];
        int wrong = 0;
        int firstWrong = -1;
        for (int x = 0; x < 100_000_000; x++) {
            // the expected digits, counted up from the previous number's (no formatting per number)
            if (x > 0) {
                int i = 7;
                while (expected[i] == '9') {
                    expected[i--] = '0';
                }
                expected[i]++;
            } else {
                java.util.Arrays.fill(expected, (byte) '0');
            }
            long digits = LongText.eightDigits(x);
            long want = 0;
            for (int i = 7; i >= 0; i--) {
                want = want << 8 | expected[i];
            }
            if (digits != want) {
                wrong++;
                firstWrong = firstWrong < 0 ? x : firstWrong;
            }
        }
        assertThat(wrong).as("first wrong: %d", firstWrong).isZero();
    }

    @Test
    void digitsAroundEveryGroupOfEightWriteOnlyTheirOwnBytes() {
        long[] values = {99_999_999L, 100_000_000L, 100_000_001L, 1_234_567_890_123_456L, 9_999_999_999_999_999L,
            10_000_000_000_000_000L, 12_345_678_901_234_567L, 99_999_999_999_999_999L, Long.MAX_VALUE};
        for (long v : values) {
            byte[] buf = new byte[LongText.MAX_LENGTH + 2];
            java.util.Arrays.fill(buf, (byte) '#');
            int end = LongText.write(v, buf, 1);
            assertThat(new String(buf, StandardCharsets.US_ASCII).substring(0, end + 1)).isEqualTo("#" + v + "#");
        }
    }
}
