package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.io.ZarrBackend;

/** stats on Zarr v2 arrays written by zarr-python (the committed fixture), through the real backend. */
class ZarrFixtureTest {

    @TempDir
    Path tmp;

    @Test
    void statsOnZarrArraysMatchTheScipyGolden() throws IOException {
        Path store = StatsCommandTest.FIXTURE.resolve("store.zarr");
        Path csv = tmp.resolve("z.csv");
        Path parquet = tmp.resolve("z.parquet");
        Cli r = Cli.run(new ZarrBackend(), "stats", "--labels", store.resolve("labels").toString(), "--image",
                store.resolve("image").toString(), "--csv", csv.toString(), "--parquet", parquet.toString(),
                "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, double[]> expected = CsvRead.read(StatsCommandTest.FIXTURE.resolve("expected.csv"));
        Map<String, double[]> got = CsvRead.read(csv);
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, v) -> StatsCommandTest.assertClose("csv " + name, got.get(name), v, 1e-9));
        ParquetRead p = ParquetRead.read(parquet);
        expected.forEach((name, v) -> StatsCommandTest.assertClose("parquet " + name, p.columns().get(name), v, 1e-9));
    }

    @Test
    void missingArrayIsADataErrorNamingThePath() {
        Path nope = tmp.resolve("nope.zarr");
        Cli r = Cli.run(new ZarrBackend(), "stats", "--labels", nope.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(nope.toString()).contains("does not exist");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void infoDescribesAnArray() throws IOException {
        Path labels = StatsCommandTest.FIXTURE.resolve("store.zarr/labels");
        Cli r = Cli.run(new ZarrBackend(), "info", labels.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[40, 52]").contains("[16, 20]").contains("int32").contains("zlib")
                .contains("estimated cost");
        assertThat(Files.exists(labels)).isTrue();
    }

    @Test
    void demoStoreOnDiskRoundTripsThroughStatsAndInfo() throws IOException {
        ZarrBackend b = new ZarrBackend();
        org.rasteragg.cli.demo.DemoDataset d = org.rasteragg.cli.demo.DemoDataset.generate(false, 1, 200, 300, 5);
        Path store = tmp.resolve("d.zarr");
        b.writeDemoStore(store, d);
        Cli info = Cli.run(b, "info", store.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("image image").contains("labels cells").contains("DAPI, CD3, CD20, CD45")
                .contains("[4, 200, 300]").contains("uint16").contains("estimated cost");
        Path csv = tmp.resolve("d.csv");
        Cli r = Cli.run(b, "stats", "--sdata", store.toString(), "--labels-name", "cells", "--image-name", "image",
                "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        // Same numbers as the in-memory arrays through the core API.
        String api = org.rasteragg.core.RasterAggregator.builder().mask(d.mask()).image(d.image()).build()
                .aggregateAll(org.rasteragg.core.Statistic.all(), null)
                .wideTable(org.rasteragg.cli.demo.DemoDataset.CHANNELS).toCsv();
        assertThat(Files.readString(csv)).isEqualTo(api);
        Cli missing = Cli.run(b, "stats", "--sdata", store.toString(), "--labels-name", "nuclei");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nuclei").contains("cells");
        Cli level = Cli.run(b, "stats", "--sdata", store.toString(), "--labels-name", "cells", "--level", "3");
        assertThat(level.code()).isEqualTo(1);
        assertThat(level.err()).contains("no level 3");
    }
}
