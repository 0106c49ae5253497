package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, the option layer and the messages: --threads bounded, --index and --channels values
 * that are not what they should be are usage errors (exit 2) naming option, file, line and value;
 * an OME-Zarr image declared [y, c, x] is read in its declared order with its channel names, and
 * names holding a comma, quote or line break are quoted per RFC 4180 (against zarr-python's
 * fixture and Python's csv module, tools/fixtures/cli/make_axes_order.py).
 */
class HostileOptionsTest {

    static final Path AXES = Path.of("src/test/resources/fixtures/axes_order");

    @TempDir
    Path dir;

    Path mask;

    @BeforeEach
    void setUp() {
        mask = DiskStores.mask(dir.resolve("in.zarr"), 20, 10, 6);
    }

    private static void assertUsage(Cli r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("rasteragg stats: error: " + message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void threadCountsOutOfRangeAreUsageErrorsNamingOptionAndValue() {
        int max = org.rasteragg.job.options.ThreadCount.max();
        String range = ": give 1.." + max + " (4 per processor of this machine at most)";
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--threads", "2147483647"),
                "--threads 2147483647" + range);
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--threads", "100000"),
                "--threads 100000" + range);
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--threads", "0"), "--threads 0" + range);
        Cli ok = DiskStores.run("stats", "--labels", mask.toString(), "--threads", Integer.toString(max), "-q");
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void indexValuesThatAreNotLabelsAreUsageErrorsNamingFileAndLine() throws IOException {
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--index", "abc"),
                "--index abc: no such file, and not a list of labels like 1,2,3");
        Path file = Files.writeString(dir.resolve("cells.txt"), "1.0\n2\n");
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--index", file.toString()),
                "--index " + file + " line 1: '1.0' is not an integer label");
        // A byte-order mark before the first label does not lose it.
        Path bom = Files.write(dir.resolve("bom.txt"), "\uFEFF5\n2\n".getBytes(StandardCharsets.UTF_8));
        Cli r = DiskStores.run("stats", "--labels", mask.toString(), "--index", bom.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("5", "2");
        // The index file is an input: an output onto it is refused, the file kept.
        assertUsage(DiskStores.run("stats", "--labels", mask.toString(), "--index", bom.toString(), "--csv",
                bom.toString()), "--csv " + bom + ": is the input --index " + bom.toRealPath()
                + "; write the table elsewhere");
        assertThat(Files.readAllBytes(bom)).isEqualTo("\uFEFF5\n2\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChannelNumberPastIntIsAUsageErrorNamingOptionAndValue() {
        Cli r = DiskStores.run("stats", "--labels", AXES.resolve("mask.zarr").toString(), "--image",
                AXES.resolve("image.ome.zarr").toString(), "--channels", "99999999999999999999");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("rasteragg stats: error: --channels 99999999999999999999: image ")
                .contains("has no such channel").contains("two\\nlines").doesNotContain("For input string")
                .doesNotContain("\n");
    }

    @Test
    void axesDeclaredYcxAreReadInTheirOrderAndOddChannelNamesAreQuoted() throws IOException {
        Path csv = dir.resolve("out.csv");
        Cli r = DiskStores.run("stats", "--labels", AXES.resolve("mask.zarr").toString(), "--image",
                AXES.resolve("image.ome.zarr").toString(), "--stats", "mean,max", "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        String got = Files.readString(csv);
        String expected = Files.readString(AXES.resolve("expected.csv"));
        // The header as Python's csv module writes it: minimal RFC 4180 quoting, the line break kept inside quotes.
        String header = expected.substring(0, expected.indexOf("\n0,") + 1);
        assertThat(got).startsWith(header);
        List<String> gotRows = got.substring(header.length()).lines().toList();
        List<String> expectedRows = expected.substring(header.length()).lines().toList();
        assertThat(gotRows).hasSameSizeAs(expectedRows);
        for (int i = 0; i < expectedRows.size(); i++) {
            String[] g = gotRows.get(i).split(",");
            String[] e = expectedRows.get(i).split(",");
            assertThat(g).hasSameSizeAs(e);
            for (int j = 0; j < e.length; j++) {
                assertThat(Double.parseDouble(g[j])).as("row " + i + " field " + j)
                        .isCloseTo(Double.parseDouble(e[j]), within(Math.abs(Double.parseDouble(e[j])) * 1e-12));
            }
        }
    }
}
