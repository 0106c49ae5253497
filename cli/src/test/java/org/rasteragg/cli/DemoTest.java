package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.zarr.anndata.Column;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;

/** The demo dataset and the demo command (in memory). */
class DemoTest {

    @TempDir
    Path tmp;

    @Test
    void datasetIsSeededRealisticAndFast() {
        long t0 = System.nanoTime();
        DemoDataset d = DemoDataset.twoD();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isLessThan(10);
        assertThat(d.cellCount()).isBetween(2000, 4000);
        int[] m = d.maskData();
        long background = java.util.Arrays.stream(m).filter(v -> v == 0).count();
        assertThat(background / (double) m.length).isBetween(0.18, 0.32);
        System.out.println("demo 2D: " + d.cellCount() + " cells, background " + background / (double) m.length + ", " + seconds + " s");
        assertThat(d.imageShape()).containsExactly(4, 1024, 1024);
        assertThat(DemoDataset.twoD().maskData()).isEqualTo(m);
        assertThat(DemoDataset.generate(false, 1, 64, 64, 1).maskData())
                .isNotEqualTo(DemoDataset.generate(false, 1, 64, 64, 2).maskData());
        DemoDataset d3 = DemoDataset.threeD();
        assertThat(d3.maskShape()).containsExactly(24, 256, 256);
        assertThat(d3.cellCount()).isBetween(1000, 5000);
    }

    @Test
    void cellTypesShowInTheMarkers() {
        DemoDataset d = DemoDataset.generate(false, 1, 256, 256, 3);
        MemoryBackend b = new MemoryBackend();
        b.writeDemoStore(tmp.resolve("s.zarr"), d);
        Cli r = Cli.run(b, "stats", "--sdata", tmp.resolve("s.zarr").toString(), "--labels-name", "cells",
                "--image-name", "image", "--stats", "mean", "--exclude-background", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, double[]> t = CsvRead.parse(r.out());
        double[] cd3 = t.get("mean_CD3");
        double[] cd20 = t.get("mean_CD20");
        int t_cells = 0;
        int b_cells = 0;
        for (int i = 0; i < cd3.length; i++) {
            t_cells += cd3[i] > 1000 ? 1 : 0;
            b_cells += cd20[i] > 1000 ? 1 : 0;
            assertThat(cd3[i] > 1000 && cd20[i] > 1000).isFalse();
        }
        assertThat(t_cells).isGreaterThan(cd3.length / 5);
        assertThat(b_cells).isGreaterThan(cd3.length / 8);
    }

    @Test
    void demoWritesStoreTableAndCsvAndShowsRows() throws Exception {
        MemoryBackend b = new MemoryBackend();
        Path dir = tmp.resolve("demo");
        Cli r = Cli.run(b, "demo", dir.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(dir.resolve("demo.zarr").toString()).contains(dir.resolve("stats.csv").toString())
                .contains("cell_ID").contains("mean_DAPI").contains("more rows");
        Map<String, double[]> csv = CsvRead.read(dir.resolve("stats.csv"));
        SpatialDataTableWriter.Input t = b.stores.get(dir.resolve("demo.zarr").toAbsolutePath()).tables.get("table");
        assertThat(t.labels()).hasSize(csv.get("cell_ID").length);
        assertThat(csv.get("cell_ID")[0]).isEqualTo(1);
        assertThat(t.channelNames()).containsExactly("DAPI", "CD3", "CD20", "CD45");
        for (int i = 0; i < t.labels().length; i += 97) {
            assertThat(t.x()[i][2]).isEqualTo(csv.get("mean_CD20")[i]);
            assertThat(((Column.Float64) t.extraObs().get("max_CD45")).values()[i]).isEqualTo(csv.get("max_CD45")[i]);
            assertThat(t.centerOfMass()[i][2]).isCloseTo(csv.get("x")[i], within(0.0));
        }
        // Again: replaces the demo.
        Cli again = Cli.run(b, "demo", dir.toString(), "-q", "--3d");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(b.stores.get(dir.resolve("demo.zarr").toAbsolutePath()).tables.get("table").is3d()).isTrue();
    }

    @Test
    void progressBarLine() {
        assertThat(org.rasteragg.cli.out.ProgressBarAccess.line(10, 40, 50_000_000, 2.0))
                .startsWith("[#######.......................] 10/40 chunks  25.0 MB/s  ETA 6s");
    }
}
