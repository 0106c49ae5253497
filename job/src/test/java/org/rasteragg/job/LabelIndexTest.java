package org.rasteragg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index given as a list or as a file keeps its order; anything else is refused by name. */
class LabelIndexTest {

    @Test
    void aListKeepsItsOrderIncludingNegativeAndHugeLabels() {
        assertThat(LabelIndex.parse("5,3,-8, 1099511627776")).containsExactly(5, 3, -8, 1L << 40);
    }

    @Test
    void aFileMaySkipAHeaderAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cells.txt");
        Files.writeString(file, "cell_ID\n# chosen by hand\n7\n2, 9\n\n4 11\n");
        assertThat(LabelIndex.parse(file.toString())).containsExactly(7, 2, 9, 4, 11);
    }

    @Test
    void neitherAFileNorAListIsRefusedNamingTheValue(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> LabelIndex.parse("cells.txt")).isInstanceOf(JobException.class)
                .hasMessageContaining("--index cells.txt: no such file");
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "1\n2\nthree\n");
        assertThatThrownBy(() -> LabelIndex.parse(file.toString())).hasMessageContaining("'three' is not an integer");
    }

    @Test
    void aByteOrderMarkIsStrippedAndTheFirstLabelKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.txt");
        Files.writeString(file, "\uFEFF12\n7\n");
        assertThat(LabelIndex.parse(file.toString())).containsExactly(12, 7);
    }

    @Test
    void aTokenThatIsNotAnIntegerIsAUsageErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.txt");
        Files.writeString(first, "1.0\n2\n");
        assertThatThrownBy(() -> LabelIndex.parse(first.toString())).isInstanceOfSatisfying(JobException.class,
                e -> assertThat(e.kind()).isEqualTo(JobException.Kind.USAGE))
                .hasMessage("--index " + first + " line 1: '1.0' is not an integer label");
        Path huge = dir.resolve("huge.txt");
        Files.writeString(huge, "3\n99999999999999999999\n");
        assertThatThrownBy(() -> LabelIndex.parse(huge.toString()))
                .hasMessage("--index " + huge + " line 2: '99999999999999999999' is out of the 64-bit label range");
        assertThatThrownBy(() -> LabelIndex.parse("abc")).isInstanceOfSatisfying(JobException.class,
                e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    @Test
    void tenMillionLinesParseInto(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.txt");
        int n = 10_000_000;
        try (var w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < n; i++) {
                w.write(Integer.toString(n - i));
                w.write('\n');
            }
        }
        long[] labels = LabelIndex.parse(file.toString());
        assertThat(labels).hasSize(n);
        assertThat(labels[0]).isEqualTo(n);
        assertThat(labels[n - 1]).isEqualTo(1);
    }
}
