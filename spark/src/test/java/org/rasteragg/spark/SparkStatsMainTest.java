package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.store.FileSystemStore;

/** The main class end to end on Zarr inputs, in the shared local session. */
class SparkStatsMainTest {

    @TempDir
    static Path dir;

    static Path maskPath;
    static Path imagePath;
    static final InMemorySource MASK = Fixtures.mask3d(21);
    static final InMemorySource IMAGE = Fixtures.image3d(22);
    static final List<String> CHANNELS = List.of("DAPI", "CD3", "CD8");

    record Result(int code, String out, String err) {
    }

    static Result main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkStatsMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Writes the fixtures as a plain Zarr v2 mask array and a v3 OME-Zarr image with channel labels. */
    @BeforeAll
    static void writeStores() throws Exception {
        maskPath = dir.resolve("mask.zarr");
        Files.createDirectories(maskPath);
        ZarrArrayWriter.builder(new FileSystemStore(maskPath), "").zarrFormat(2).shape(MASK.shape())
                .chunks(MASK.chunkShape()).dtype(MASK.dtype()).create().writeAll(MASK.data());
        imagePath = dir.resolve("image.ome.zarr");
        Files.createDirectories(imagePath);
        FileSystemStore store = new FileSystemStore(imagePath);
        ObjectMapper json = new ObjectMapper();
        ObjectNode attrs = (ObjectNode) json.readTree("{\"ome\":{\"version\":\"0.5\",\"multiscales\":[{\"axes\":"
                + "[{\"name\":\"c\",\"type\":\"channel\"},{\"name\":\"z\",\"type\":\"space\"},{\"name\":\"y\","
                + "\"type\":\"space\"},{\"name\":\"x\",\"type\":\"space\"}],\"datasets\":[{\"path\":\"s0\","
                + "\"coordinateTransformations\":[{\"type\":\"scale\",\"scale\":[1,1,1,1]}]}]}],"
                + "\"omero\":{\"channels\":[{\"label\":\"DAPI\"},{\"label\":\"CD3\"},{\"label\":\"CD8\"}]}}}");
        ZarrGroup.create(store, "", 3, attrs);
        ZarrArrayWriter.builder(store, "s0").shape(IMAGE.shape()).chunks(IMAGE.chunkShape()).dtype(IMAGE.dtype())
                .create().writeAll(IMAGE.data());
    }

    @Test
    void writesParquetAndCsvEqualToTheCoreEngine() throws Exception {
        Path parquet = dir.resolve("all.parquet");
        Path csv = dir.resolve("all.csv");
        Result r = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--image", imagePath.toString(),
                "--parquet", parquet.toString(), "--csv", csv.toString(), "--partitions", "5", "--label-buckets", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("labels");
        StatTable expected = Fixtures.reference(MASK, IMAGE, Statistic.all(), null, false, CHANNELS);
        Dataset<Row> written = LocalSpark.get().read().parquet(parquet.toString()).orderBy("cell_ID");
        Fixtures.assertSameTable(written, expected);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", expected.columnNames()));
        assertThat(lines).hasSize(expected.rowCount() + 1);
        String[] first = lines.get(1).split(",", -1);
        assertThat(Long.parseLong(first[0])).isEqualTo(expected.longs("cell_ID")[0]);
        assertThat(Long.parseLong(first[1])).isEqualTo(expected.longs("shapeSize")[0]);
        int minDapi = expected.columnNames().indexOf("min_DAPI");
        assertThat(first[minDapi]).isEqualTo(expected.column("min_DAPI").format(0));
    }

    @Test
    void indexChannelsStatsAndBackgroundOptions() throws Exception {
        Path csv = dir.resolve("some.csv");
        Result r = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--image", imagePath.toString(),
                "--stats", "mean,max,center", "--channels", "CD8,0", "--index", "42,3,999,0", "--exclude-background",
                "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("cell_ID,shapeSize,mean_CD8,mean_DAPI,max_CD8,max_DAPI,z,y,x");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("42", "3", "999");
        Set<Statistic> stats = EnumSet.of(Statistic.MEAN, Statistic.MAX, Statistic.CENTER);
        StatTable expected = Fixtures.reference(MASK, IMAGE, stats, new long[] {42, 3, 999}, false, CHANNELS);
        assertThat(lines.get(3)).startsWith("999,0,,,0,0,,,");
        String[] row = lines.get(2).split(",", -1);
        assertThat(Double.parseDouble(row[2])).isCloseTo(expected.doubles("mean_CD8")[1],
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row[4]).isEqualTo(expected.column("max_CD8").format(1));
    }

    @Test
    void countAndCenterOfTheMaskAloneAsJson() {
        Result r = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--json", "-q", "--csv",
                dir.resolve("mask.csv").toString());
        assertThat(r.code()).as(r.err()).isZero();
        int labels = Fixtures.reference(MASK, null, EnumSet.of(Statistic.COUNT), null, false, List.of()).rowCount();
        assertThat(r.out()).contains("\"labels\":" + labels)
                .contains("\"columns\":[\"cell_ID\",\"shapeSize\",\"z\",\"y\",\"x\"]");
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheProblem() throws Exception {
        assertThat(main("--spark", "local[2,2]", "--image", imagePath.toString()).err()).contains("label mask");
        Result needImage = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--stats", "mean");
        assertThat(needImage.code()).isEqualTo(2);
        assertThat(needImage.err()).contains("need an image");
        Result unknown = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--stats", "mode");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("mode").contains("kurtosis").contains("median");
        // Inputs that cannot be read, outputs that cannot be written: data errors, as from the command.
        Result missing = main("--spark", "local[2,2]", "--labels", dir.resolve("nope.zarr").toString(), "-q");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.zarr");
        Path exists = Files.createDirectories(dir.resolve("exists.parquet"));
        Result clash = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--parquet", exists.toString());
        assertThat(clash.code()).isEqualTo(1);
        assertThat(clash.err()).contains("exists.parquet").contains("is a directory");
        Result level = main("--spark", "local[2,2]", "--labels", maskPath.toString(), "--image",
                imagePath.toString(), "--level", "3", "-q");
        assertThat(level.code()).isEqualTo(1);
        assertThat(level.err()).contains("level 3");
    }

    @Test
    void writesTheAnnDataTableIntoASpatialDataStore() {
        Path sdPath = dir.resolve("sd.zarr");
        org.rasteragg.zarr.spatialdata.SpatialDataWriter sd =
                org.rasteragg.zarr.spatialdata.SpatialDataWriter.create(sdPath, 3, true);
        sd.labels("cells").axes("z", "y", "x").shape(MASK.shape()).chunks(MASK.chunkShape()).dtype(MASK.dtype())
                .create().writeAll(MASK.data());
        sd.image("img").axes("c", "z", "y", "x").shape(IMAGE.shape()).chunks(IMAGE.chunkShape())
                .dtype(IMAGE.dtype()).channelNames(CHANNELS).create().writeAll(IMAGE.data());
        Result r = main("--spark", "local[2,2]", "--sdata", sdPath.toString(), "--labels-name", "cells",
                "--image-name", "img", "--stats", "mean,var", "--table", "t", "--partitions", "3", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        org.rasteragg.zarr.store.Store store = org.rasteragg.zarr.spatialdata.SpatialDataStore.open(sdPath).store();
        StatTable expected = Fixtures.reference(MASK, IMAGE, EnumSet.of(Statistic.MEAN, Statistic.VAR), null, true,
                CHANNELS);
        long[] ids = (long[]) org.rasteragg.zarr.array.ZarrArray.open(store, "tables/t/obs/cell_ID").readAll();
        assertThat(ids).containsExactly(expected.longs("cell_ID"));
        double[] x = (double[]) org.rasteragg.zarr.array.ZarrArray.open(store, "tables/t/X").readAll();
        double[] meanCd3 = expected.doubles("mean_CD3");
        for (int i = 0; i < ids.length; i++) {
            assertThat(x[i * 3 + 1]).isCloseTo(meanCd3[i], org.assertj.core.data.Offset.offset(1e-9));
        }
        double[] varDapi = (double[]) org.rasteragg.zarr.array.ZarrArray.open(store, "tables/t/obs/var_DAPI")
                .readAll();
        assertThat(varDapi[0]).isCloseTo(expected.doubles("var_DAPI")[0],
                org.assertj.core.data.Offset.offset(1e-9 * Math.abs(expected.doubles("var_DAPI")[0])));
        Result again = main("--spark", "local[2,2]", "--sdata", sdPath.toString(), "--labels-name", "cells",
                "--table", "t");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("'t' already exists").contains("--overwrite");
    }
}
