package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 on Spark: an OME-Zarr image declared [y, c, x] is read through its canonical view
 * (c, y, x) with its channel names, as the command reads it; the odd names are quoted per RFC 4180.
 * The fixture and its expected table are zarr-python's and numpy's (tools/fixtures/cli/make_axes_order.py,
 * shared with the cli module's test).
 */
class AxesOrderTest {

    static final Path AXES = Path.of("../cli/src/test/resources/fixtures/axes_order");

    @TempDir
    Path dir;

    @Test
    void anImageDeclaredYcxIsReadInItsDeclaredOrder() throws Exception {
        Path csv = dir.resolve("out.csv");
        SparkStatsMainTest.Result r = SparkStatsMainTest.main("--spark", "local[2]", "--labels",
                AXES.resolve("mask.zarr").toString(), "--image", AXES.resolve("image.ome.zarr").toString(), "--stats",
                "mean,max", "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        String got = Files.readString(csv);
        String expected = Files.readString(AXES.resolve("expected.csv"));
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
                double want = Double.parseDouble(e[j]);
                assertThat(Double.parseDouble(g[j])).as("row " + i + " field " + j).isCloseTo(want,
                        within(Math.abs(want) * 1e-12));
            }
        }
    }
}
