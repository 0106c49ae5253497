package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;

/** stats end to end, in-process, on the committed numpy/scipy fixture held in memory. */
class StatsCommandTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/cli_small");

    @TempDir
    Path tmp;

    MemoryBackend backend;
    ChunkedArray mask;
    ChunkedArray image;
    Path labelsPath;
    Path imagePath;

    @BeforeEach
    void setUp() throws IOException {
        mask = Npy.read(FIXTURE.resolve("mask.npy"), new int[] {16, 20});
        image = Npy.read(FIXTURE.resolve("image.npy"), new int[] {1, 16, 20});
        labelsPath = tmp.resolve("in.zarr/labels");
        imagePath = tmp.resolve("in.zarr/image");
        backend = new MemoryBackend().raster(labelsPath, mask, null).raster(imagePath, image, null);
    }

    private Cli stats(String... extra) {
        String[] base = {"stats", "--labels", labelsPath.toString(), "--image", imagePath.toString()};
        return Cli.run(backend, Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    static void assertClose(String column, double[] actual, double[] expected, double rel) {
        assertThat(actual).as(column).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(actual[i]).as(column + "[" + i + "]").isNaN();
            } else {
                double tol = Math.max(rel * Math.abs(expected[i]), 1e-9);
                assertThat(actual[i]).as(column + "[" + i + "]").isCloseTo(expected[i], within(tol));
            }
        }
    }

    @Test
    void csvAndParquetMatchTheScipyGoldenAndTheCoreApiInEveryColumn() throws IOException {
        Path csv = tmp.resolve("out.csv");
        Path parquet = tmp.resolve("out.parquet");
        Cli r = stats("--csv", csv.toString(), "--parquet", parquet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("7 labels").contains("MB/s");

        Map<String, double[]> expected = CsvRead.read(FIXTURE.resolve("expected.csv"));
        Map<String, double[]> got = CsvRead.read(csv);
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, v) -> assertClose("csv " + name, got.get(name), v, 1e-9));

        // The same numbers as the core API, byte for byte in the CSV.
        StatTable api = RasterAggregator.builder().mask(mask).image(image).build()
                .aggregateAll(Statistic.all(), null).wideTable(List.of("0", "1", "2"));
        assertThat(Files.readString(csv)).isEqualTo(api.toCsv());

        ParquetRead p = ParquetRead.read(parquet);
        assertThat(p.columns().keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(p.rows()).isEqualTo(7);
        expected.forEach((name, v) -> assertClose("parquet " + name, p.columns().get(name), v, 1e-9));
        for (String name : api.columnNames()) {
            assertThat(p.columns().get(name)).as(name).containsExactly(api.doubles(name));
        }
        // Typed columns: int64 labels and counts, float64 statistics, uint16 min/max.
        assertThat(type(p, "cell_ID").getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(type(p, "shapeSize").getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        for (String s : List.of("sum_0", "mean_1", "var_2", "skew_0", "kurtosis_1", "z", "y", "x")) {
            assertThat(type(p, s).getPrimitiveTypeName()).as(s).isEqualTo(PrimitiveTypeName.DOUBLE);
        }
        for (String s : List.of("min_0", "max_2")) {
            assertThat(type(p, s).getPrimitiveTypeName()).as(s).isEqualTo(PrimitiveTypeName.INT32);
            assertThat(type(p, s).getLogicalTypeAnnotation()).as(s).isEqualTo(LogicalTypeAnnotation.intType(16, false));
        }
        assertThat(type(p, "max_1").getRepetition()).isEqualTo(org.apache.parquet.schema.Type.Repetition.REQUIRED);
    }

    private static PrimitiveType type(ParquetRead p, String name) {
        return p.schema().getType(name).asPrimitiveType();
    }

    @Test
    void parquetKeepsEveryImageDtypeForMinAndMax() throws IOException {
        long[] shape = {2, 3};
        InMemoryArray m = InMemoryArray.unchunked(DType.INT64, new long[] {1, 1, 2, 2, 5_000_000_000L, 0}, shape);
        Object[][] cases = {
            {DType.INT8, new byte[] {-128, 5, 127, 0, -1, 3}, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(8, true)},
            {DType.UINT8, new byte[] {(byte) 255, 5, 7, 0, 1, 3}, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(8, false)},
            {DType.INT16, new short[] {-300, 5, 7, 0, 1, 3}, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true)},
            {DType.UINT32, new int[] {-1, 5, 7, 0, 1, 3}, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(32, false)},
            {DType.INT32, new int[] {Integer.MIN_VALUE, 5, 7, 0, 1, 3}, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(32, true)},
            {DType.INT64, new long[] {Long.MIN_VALUE / 2, 5, 7, 0, 1, 3}, PrimitiveTypeName.INT64, LogicalTypeAnnotation.intType(64, true)},
            {DType.FLOAT32, new float[] {1.5f, -2.25f, 7, 0, 1, 3}, PrimitiveTypeName.FLOAT, null},
            {DType.FLOAT64, new double[] {1.5, -2.25, 7, 0, 1, 3}, PrimitiveTypeName.DOUBLE, null},
        };
        for (Object[] c : cases) {
            DType t = (DType) c[0];
            InMemoryArray img = InMemoryArray.unchunked(t, c[1], shape);
            MemoryBackend b = new MemoryBackend().raster(Path.of("m"), m, null).raster(Path.of("i"), img, List.of("ch"));
            Path out = tmp.resolve(t.numpyName() + ".parquet");
            Cli r = Cli.run(b, "stats", "--labels", "m", "--image", "i", "--stats", "min,max", "--index", "1,2,7",
                    "--parquet", out.toString(), "-q");
            assertThat(r.code()).as(r.err()).isZero();
            ParquetRead p = ParquetRead.read(out);
            StatTable api = RasterAggregator.builder().mask(m).image(img).build()
                    .aggregateAll(java.util.EnumSet.of(Statistic.MIN, Statistic.MAX), new long[] {1, 2, 7})
                    .wideTable(List.of("ch"));
            for (String col : List.of("min_ch", "max_ch")) {
                assertThat(type(p, col).getPrimitiveTypeName()).as(t + " " + col).isEqualTo(c[2]);
                assertThat(type(p, col).getLogicalTypeAnnotation()).as(t + " " + col).isEqualTo(c[3]);
                assertThat(p.columns().get(col)).as(t + " " + col).containsExactly(api.doubles(col));
            }
        }
    }

    @Test
    void statsChannelsIndexAndBackgroundSelectRowsAndColumns() throws IOException {
        Path csv = tmp.resolve("sel.csv");
        Cli r = stats("--stats", "mean,max,center", "--channels", "2,0", "--index", "42,3,999,0",
                "--exclude-background", "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Map<String, double[]> got = CsvRead.read(csv);
        assertThat(got.keySet()).containsExactly("cell_ID", "shapeSize", "mean_2", "mean_0", "max_2", "max_0", "z",
                "y", "x");
        assertThat(got.get("cell_ID")).containsExactly(42, 3, 999);
        assertThat(got.get("shapeSize")[2]).isZero();
        assertThat(got.get("mean_0")[2]).isNaN();
        assertThat(got.get("max_2")[2]).isEqualTo(0); // harpy's sentinel: the smallest uint16
        Map<String, double[]> expected = CsvRead.read(FIXTURE.resolve("expected.csv"));
        int row42 = indexOf(expected.get("cell_ID"), 42);
        assertThat(got.get("mean_2")[0]).isCloseTo(expected.get("mean_2")[row42], within(1e-9));
    }

    @Test
    void indexFromAFile() throws IOException {
        Path idx = tmp.resolve("index.txt");
        Files.writeString(idx, "cell_ID\n1000\n# comment\n7\n");
        Cli r = stats("--index", idx.toString(), "--stats", "count");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("cell_ID,shapeSize\n1000,"
                + (long) CsvRead.read(FIXTURE.resolve("expected.csv")).get("shapeSize")[5] + "\n7,"
                + (long) CsvRead.read(FIXTURE.resolve("expected.csv")).get("shapeSize")[2] + "\n");
    }

    private static int indexOf(double[] v, double x) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not found");
    }

    @Test
    void jsonSummaryIsMachineReadable() throws IOException {
        Path csv = tmp.resolve("j.csv");
        Cli r = stats("--json", "--csv", csv.toString(), "--threads", "2", "--max-memory", "256m");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("labels").asInt()).isEqualTo(7);
        assertThat(j.get("voxels").asLong()).isEqualTo(40 * 52);
        assertThat(j.get("bytes").asLong()).isPositive();
        assertThat(j.get("outputs").get("csv").asText()).isEqualTo(csv.toString());
        assertThat(j.get("columns").size()).isEqualTo(26);
        assertThat(j.get("warnings").size()).isEqualTo(1); // the constant region's skew/kurtosis
    }

    @Test
    void maskOnlyRunsWithoutAnImage() {
        Cli r = Cli.run(backend, "stats", "--labels", labelsPath.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst()).contains("cell_ID,shapeSize,z,y,x");
        Cli bad = Cli.run(backend, "stats", "--labels", labelsPath.toString(), "--stats", "mean");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("need an image");
    }

    @Test
    void tableGoesIntoTheStoreWithoutBackground() throws IOException {
        MemoryBackend.MemorySpatialData sd = backend.store(tmp.resolve("sd.zarr"));
        sd.labels.put("cells", new org.rasteragg.job.io.Raster(mask, null, new double[] {10, 20}, "sd/labels/cells"));
        sd.images.put("img", new org.rasteragg.job.io.Raster(image, List.of("DAPI", "CD3", "CD20"), null, "sd/img"));
        Cli r = Cli.run(backend, "stats", "--sdata", tmp.resolve("sd.zarr").toString(), "--labels-name", "cells",
                "--image-name", "img", "--stats", "mean,var", "--table", "t", "--mode", "sum", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        SpatialDataTableWriter.Input t = sd.tables.get("t");
        Map<String, double[]> expected = CsvRead.read(FIXTURE.resolve("expected.csv"));
        assertThat(t.labels()).containsExactly(3, 7, 12, 42, 1000, 65537);
        assertThat(t.channelNames()).containsExactly("DAPI", "CD3", "CD20");
        assertThat(t.x()[0][1]).isEqualTo(expected.get("sum_1")[1]);
        assertThat(t.extraObs().keySet()).containsExactly("mean_DAPI", "mean_CD3", "mean_CD20", "var_DAPI", "var_CD3",
                "var_CD20");
        assertThat(t.shapeSize()[0]).isEqualTo((long) expected.get("shapeSize")[1]);
        assertThat(t.centerOfMass()[0][1]).isEqualTo(expected.get("y")[1]);
        assertThat(t.is3d()).isFalse();
        assertThat(t.translation()).containsExactly(10, 20);
        assertThat(t.labelsName()).isEqualTo("cells");
    }

    // ---- error paths ----

    @Test
    void missingStoreIsADataErrorNamingThePath() {
        Cli r = Cli.run(backend, "stats", "--sdata", tmp.resolve("nope.zarr").toString(), "--labels-name", "x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).contains("nope.zarr").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void missingElementListsWhatExists() {
        MemoryBackend.MemorySpatialData sd = backend.store(tmp.resolve("sd.zarr"));
        sd.labels.put("cells", new org.rasteragg.job.io.Raster(mask, null, null, "sd/labels/cells"));
        Cli r = Cli.run(backend, "stats", "--sdata", tmp.resolve("sd.zarr").toString(), "--labels-name", "nuclei");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("labels/nuclei").contains("[cells]");
    }

    @Test
    void shapeMismatchNamesBothInputs() {
        backend.raster(Path.of("small"), InMemoryArray.unchunked(DType.UINT16, new short[3 * 4], 3, 4), null);
        Cli r = Cli.run(backend, "stats", "--labels", labelsPath.toString(), "--image", "small");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(labelsPath.toString()).contains("small").contains("40").contains("52");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void unknownStatIsAUsageError() {
        Cli r = stats("--stats", "mean,mode");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("mode").contains("kurtosis").contains("median");
    }

    @Test
    void unwritableOutputFailsBeforeComputingAndLeavesNothing() {
        Path ok = tmp.resolve("ok.csv");
        Cli r = stats("--csv", ok.toString(), "--parquet", tmp.resolve("no/such/dir/x.parquet").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("x.parquet").contains("does not exist");
        assertThat(ok).doesNotExist();
        Cli dir = stats("--csv", tmp.toString());
        assertThat(dir.code()).isEqualTo(1);
        assertThat(dir.err()).contains("is a directory");
    }

    @Test
    void existingTableWithoutOverwriteIsRefusedUpFront() {
        MemoryBackend.MemorySpatialData sd = backend.store(tmp.resolve("sd.zarr"));
        sd.labels.put("cells", new org.rasteragg.job.io.Raster(mask, null, null, "sd/labels/cells"));
        sd.tables.put("table", null);
        Path csv = tmp.resolve("t.csv");
        Cli r = Cli.run(backend, "stats", "--sdata", tmp.resolve("sd.zarr").toString(), "--labels-name", "cells",
                "--table", "table", "--csv", csv.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'table' already exists").contains("--overwrite");
        assertThat(csv).doesNotExist();
        Cli again = Cli.run(backend, "stats", "--sdata", tmp.resolve("sd.zarr").toString(), "--labels-name", "cells",
                "--table", "table", "--overwrite", "-q");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(sd.tables.get("table")).isNotNull();
    }

    @Test
    void aFailedRunLeavesNoPartialOutput() throws IOException {
        MemoryBackend.MemorySpatialData sd = backend.store(tmp.resolve("sd.zarr"));
        sd.labels.put("cells", new org.rasteragg.job.io.Raster(mask, null, null, "sd/labels/cells"));
        backend.failTableWrites = true;
        Path out = tmp.resolve("outs");
        Files.createDirectories(out);
        Cli r = Cli.run(backend, "stats", "--sdata", tmp.resolve("sd.zarr").toString(), "--labels-name", "cells",
                "--table", "t", "--csv", out.resolve("a.csv").toString(), "--parquet",
                out.resolve("a.parquet").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("simulated failure");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void impossibleMemoryBoundIsRefusedClearly() {
        Cli r = stats("--max-memory", "1k", "--csv", tmp.resolve("m.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsIgnoringCase("memory");
        assertThat(tmp.resolve("m.csv")).doesNotExist();
        Cli bad = stats("--max-memory", "lots");
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void unknownChannelListsTheChannels() {
        Cli r = stats("--channels", "CD99");
        assertThat(r.code()).isEqualTo(2); // a usage error: the option names what the image does not have
        assertThat(r.err()).contains("CD99").contains("[0, 1, 2]");
    }

    @Test
    void sparkIsForTheLauncher() {
        Cli r = stats("--spark", "local[2]");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("./rasteragg");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Cli r = Cli.run(backend, "stats", "--labels", "missing", "--debug");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("JobException").contains("\tat ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run(backend, "stats").code()).isEqualTo(2);
        assertThat(Cli.run(backend, "stats", "--labels", "x", "--bogus").code()).isEqualTo(2);
        assertThat(Cli.run(backend, "frobnicate").code()).isEqualTo(2);
        assertThat(Cli.run(backend).code()).isEqualTo(2);
        assertThat(Cli.run(backend, "stats", "--labels", "x", "--table", "t").code()).isEqualTo(2);
        Cli help = Cli.run(backend, "stats", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--labels-name").contains("--exclude-background").contains("--max-memory");
    }
}
