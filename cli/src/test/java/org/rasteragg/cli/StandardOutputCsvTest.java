package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --csv -}: the CSV on standard output, as with no output named, and beside a Parquet file or
 * a table; never a file named "-". Standard output carries nothing else, so --json beside it and
 * {@code --parquet -} (binary) are usage errors.
 */
class StandardOutputCsvTest {

    @TempDir
    Path dir;

    Path mask;
    Path work;

    @BeforeEach
    void setUp() throws IOException {
        mask = DiskStores.mask(dir.resolve("in.zarr"), 40, 30, 9);
        work = Files.createDirectories(dir.resolve("out"));
    }

    private Cli stats(String... outputs) {
        String[] base = {"stats", "--gpu", "off", "--labels", mask.toString(), "-q"};
        return DiskStores.run(Stream.concat(Stream.of(base), Stream.of(outputs)).toArray(String[]::new));
    }

    @Test
    void aDashSendsTheCsvToStandardOutputBesideAParquetFile() throws IOException {
        Path csv = work.resolve("t.csv");
        assertThat(stats("--csv", csv.toString()).code()).isZero();
        String expected = Files.readString(csv);
        assertThat(expected).startsWith("cell_ID,shapeSize,").hasLineCount(10);

        Cli alone = stats("--csv", "-");
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).isEqualTo(expected);
        assertThat(stats().out()).isEqualTo(expected);

        Path parquet = work.resolve("t.parquet");
        Cli both = stats("--csv", "-", "--parquet", parquet.toString());
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out()).isEqualTo(expected);
        assertThat(Files.size(parquet)).isPositive();
        assertThat(Path.of("-")).doesNotExist();
        assertThat(work.resolve("-")).doesNotExist();
    }

    @Test
    void jsonBesideTheCsvOnStandardOutputAndParquetThereAreUsageErrors() {
        Cli json = stats("--csv", "-", "--json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err().strip()).isEqualTo("rasteragg stats: error: --json and --csv -: both print on stdout; "
                + "give --csv a file");
        Cli parquet = stats("--parquet", "-");
        assertThat(parquet.code()).isEqualTo(2);
        assertThat(parquet.err().strip()).doesNotContain("\n").startsWith("rasteragg stats: error: --parquet -: ");
        assertThat(json.out()).isEmpty();
        assertThat(parquet.out()).isEmpty();
        assertThat(Path.of("-")).doesNotExist();
    }
}
