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
}
