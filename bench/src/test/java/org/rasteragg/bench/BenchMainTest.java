package org.rasteragg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.core.table.AggregationResult;

/**
 * The benchmark runs end to end on tiny sizes and measures what it says: the stored dataset holds
 * exactly the synthetic data, and every row it prints is present. (No timing is asserted: figures
 * come from real runs, not tests.)
 */
class BenchMainTest {

    @Test
    void storedDatasetAggregatesLikeTheSyntheticSource(@TempDir Path dir) {
        BenchDatasets.Dataset stored = BenchDatasets.twoD(dir, 300);
        assertThat(Files.exists(dir.resolve("2d-300.zarr/images/image/.zattrs"))).isTrue();
        SyntheticTissue tissue = new SyntheticTissue(new long[] {1, 300, 300}, BenchDatasets.VOXELS_PER_CELL,
                BenchDatasets.CHANNELS, BenchDatasets.SEED);
        ChunkedArray labels = tissue.labels(new int[] {1, 128, 77});
        ChunkedArray image = tissue.image(new int[] {2, 1, 50, 300});
        AggregationResult expected = RasterAggregator.builder().mask(labels).image(image).build().aggregateAll(null);
        AggregationResult actual = RasterAggregator.builder().mask(stored.labels()).image(stored.image()).build()
                .aggregateAll(null);
        assertThat(actual.labels()).isEqualTo(expected.labels());
        assertThat(actual.counts()).isEqualTo(expected.counts());
        assertThat(actual.rowCount()).isBetween(300 * 300 / 250, 300 * 300 / 120);
        for (int c = 0; c < BenchDatasets.CHANNELS; c++) {
            assertThat(actual.values(Statistic.SUM, c)).isEqualTo(expected.values(Statistic.SUM, c));
            assertThat(actual.values(Statistic.MAX, c)).isEqualTo(expected.values(Statistic.MAX, c));
        }
        double background = (double) actual.counts()[0] / (300 * 300);
        assertThat(actual.labels()[0]).isZero();
        assertThat(background).isBetween(0.15, 0.35);
    }

    @Test
    void benchmarkPrintsEveryMeasurementAndTheTargets(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = BenchMain.run("--dir", dir.toString(), "--sizes", "128,256", "--detail-size", "128", "--repeats",
                    "1", "--warmups", "0", "--json");
        } finally {
            System.setOut(saved);
        }
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        for (String method : new String[] {"scan", "all", "count", "sum", "mean", "var", "skew", "kurtosis", "min",
                "max", "center"}) {
            assertThat(json).contains("\"dataset\": \"2d-128\", \"storage\": \"zarr-blosc-lz4\", \"method\": \""
                    + method + "\"");
        }
        assertThat(json).contains("\"dataset\": \"2d-256\", \"storage\": \"zarr-blosc-lz4\", \"method\": \"all\"")
                .contains("\"storage\": \"in-memory\", \"method\": \"all\"").contains("labels-few")
                .contains("labels-many").contains("speed-up").contains("\"targets\"")
                .contains("\"peak_live_heap_bytes\"")
                // The largest size also runs once in a child JVM capped at the memory bound, and fits.
                .contains("\"dataset\": \"2d-256\", \"storage\": \"zarr-blosc-lz4\", \"method\": \"all-capped\"")
                .contains("MET     peak heap at 2d-256 within")
                // The cold command, split into a bare JVM start and the job inside the process.
                .contains("\"dataset\": \"2d-256\", \"storage\": \"zarr-blosc-lz4\", \"method\": \"cli-cold\"")
                .contains("\"dataset\": \"2d-256\", \"storage\": \"zarr-blosc-lz4\", \"method\": \"cli-job\"")
                .contains("\"dataset\": \"2d-256\", \"storage\": \"zarr-blosc-lz4\", \"method\": \"cli-start\"")
                .contains("at 2d-256: ").contains("of it: a process printing --version");
    }
}
