package org.rasteragg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.job.io.ZarrInputs;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;

/** The job from the Java API: every output of a many-field job, and nothing on failure. */
class LocalRunTest {

    @TempDir
    Path dir;

    Path store;
    static final List<String> CHANNELS = List.of("DAPI", "CD,3");
    final int[][] masks = new int[2][];
    final short[][] images = new short[2][];

    /** Two fields of view fov1, fov2 of 12 x 10, labels 0..5, two uint16 channels (one named with a comma). */
    @BeforeEach
    void writeStore() {
        store = dir.resolve("s.zarr");
        SpatialDataWriter w = SpatialDataWriter.create(store, 2, true);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int f = 0; f < 2; f++) {
            masks[f] = new int[12 * 10];
            images[f] = new short[2 * 12 * 10];
            for (int i = 0; i < masks[f].length; i++) {
                masks[f][i] = rnd.nextInt(6);
            }
            for (int i = 0; i < images[f].length; i++) {
                images[f][i] = (short) rnd.nextInt(65536);
            }
            w.labels("cells_fov" + (f + 1)).axes("y", "x").shape(12, 10).chunks(5, 4).dtype(DType.INT32).create()
                    .writeAll(masks[f]);
            w.image("img_fov" + (f + 1)).axes("c", "y", "x").shape(2, 12, 10).chunks(1, 5, 4).dtype(DType.UINT16)
                    .channelNames(CHANNELS).create().writeAll(images[f]);
        }
    }

    private StatsJob job(String labels, String image, Path csv, Path parquet, String table) {
        return new StatsJob(new StatsJob.Inputs(null, null, store.toString(), labels, image, null), 0, null,
                java.util.EnumSet.of(Statistic.MEAN, Statistic.MAX, Statistic.CENTER), null, true,
                new StatsJob.Outputs(csv == null ? null : csv.toString(), parquet == null ? null : parquet.toString(),
                        table, Statistic.MEAN, false), 0);
    }

    /** The core API's CSV of one field of view (label 0 dropped), with the fov_labels field inserted. */
    private List<String> coreRows(int f, String fov) {
        String csv = RasterAggregator.builder().mask(InMemoryArray.unchunked(DType.INT32, masks[f], 12, 10))
                .image(InMemoryArray.unchunked(DType.UINT16, images[f], 2, 12, 10)).build()
                .aggregateAll(java.util.EnumSet.of(Statistic.MEAN, Statistic.MAX, Statistic.CENTER,
                        Statistic.COUNT), new long[] {1, 2, 3, 4, 5})
                .wideTable(CHANNELS).toCsv();
        return csv.lines().skip(1).map(l -> l.replaceFirst(",", "," + fov + ",")).toList();
    }

    @Test
    void aManyFieldJobWritesCsvParquetAndOneTable() throws Exception {
        Path csv = dir.resolve("t.csv");
        Path parquet = dir.resolve("t.parquet");
        LocalRun.Outcome o = LocalRun.run(job("cells_fov*", "img_fov*", csv, parquet, "t"),
                new ZarrInputs(store), 2, LocalRun.Progress.NONE, new StringWriter());
        assertThat(o.pairs()).isEqualTo(2);
        List<String> lines = Files.readAllLines(csv);
        // A channel name with a comma is quoted (RFC 4180).
        assertThat(lines.get(0)).isEqualTo("cell_ID,fov_labels,shapeSize,mean_DAPI,\"mean_CD,3\",max_DAPI,"
                + "\"max_CD,3\",z,y,x");
        List<String> expected = new java.util.ArrayList<>(coreRows(0, "cells_fov1"));
        expected.addAll(coreRows(1, "cells_fov2"));
        // the core CSV quotes no names: compare the rows only
        assertThat(lines.subList(1, lines.size())).isEqualTo(expected);
        assertThat(o.rows()).isEqualTo(10);
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet), org.apache.parquet.ParquetReadOptions
                .builder(new org.apache.parquet.conf.PlainParquetConfiguration()).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getFieldName(1)).isEqualTo("fov_labels");
            assertThat(schema.getType("max_DAPI").getLogicalTypeAnnotation().toString()).isEqualTo("INTEGER(16,false)");
            assertThat(r.getRecordCount()).isEqualTo(10);
        }
        SpatialDataStore sd = SpatialDataStore.open(store);
        long[] ids = (long[]) ZarrArray.open(sd.store(), "tables/t/obs/cell_ID").readAll();
        assertThat(ids).containsExactly(1, 2, 3, 4, 5, 1, 2, 3, 4, 5);
        // fov_labels codes: the rows of fov1, then those of fov2 (python anndata reads the categories back in
        // cli's ManyFieldsOfViewTest)
        assertThat(ZarrArray.open(sd.store(), "tables/t/obs/fov_labels/codes").readAll())
                .isEqualTo(new byte[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
    }

    @Test
    void aFailureWritesNothing() throws Exception {
        Path csv = dir.resolve("t.csv");
        // a table name that exists: refused before anything is aggregated
        LocalRun.run(job("cells_fov1", "img_fov1", null, null, "t"), new ZarrInputs(store), 1,
                LocalRun.Progress.NONE, new StringWriter());
        assertThatThrownBy(() -> LocalRun.run(job("cells_fov*", "img_fov*", csv, null, "t"), new ZarrInputs(store), 1,
                LocalRun.Progress.NONE, new StringWriter())).hasMessageContaining("'t' already exists");
        assertThat(csv).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("s.zarr");
        }
    }
}
