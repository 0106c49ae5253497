package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.Main;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.cli.io.SpatialData;
import org.rasteragg.cli.io.StoreBackend;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;

/**
 * One job through both front ends, {@code rasteragg stats} and the Spark job: the same CSV byte for
 * byte, the same Parquet schema and values, and per error class (usage, data, internal) the same
 * exit code and message. The Spark job runs one block range (--partitions 1) spread over two label
 * buckets: merging partial states of several ranges rounds var, skew and kurtosis differently in
 * the last bits (SparkStatsMainTest compares those within 1e-9), while label buckets change nothing.
 */
class FrontEndsAgreeTest {

    @TempDir
    static Path dir;

    static Path store;
    static final List<String> CHANNELS = List.of("DAPI", "CD3", "CD8");

    record Result(int code, String out, String err) {
    }

    /** A SpatialData store with three fields of view fov0..fov2 (labels cells_fovN, images img_fovN). */
    @BeforeAll
    static void writeStore() {
        store = dir.resolve("slide.zarr");
        SpatialDataWriter sd = SpatialDataWriter.create(store, 2, true);
        for (int f = 0; f < 3; f++) {
            InMemorySource mask = Fixtures.mask3d(40 + f);
            InMemorySource image = Fixtures.image3d(50 + f);
            sd.labels("cells_fov" + f).axes("z", "y", "x").shape(mask.shape()).chunks(mask.chunkShape())
                    .dtype(mask.dtype()).create().writeAll(mask.data());
            sd.image("img_fov" + f).axes("c", "z", "y", "x").shape(image.shape()).chunks(image.chunkShape())
                    .dtype(image.dtype()).channelNames(CHANNELS).create().writeAll(image.data());
        }
        for (DType type : new DType[] {DType.INT64, DType.UINT64}) {
            InMemorySource image = image64(type);
            sd.image(type.numpyName() + "_fov1").axes("c", "z", "y", "x").shape(image.shape())
                    .chunks(image.chunkShape()).dtype(type).channelNames(List.of("a", "b")).create()
                    .writeAll(image.data());
        }
    }

    /**
     * A (2, z, y, x) int64 or uint64 image for mask {@code Fixtures.mask3d(41)}: channel 0 mixes
     * small values with those float64 cannot hold (2^53 + 1, 2^63 - 1, -2^63; 2^64 - 1, 2^63 for
     * uint64), channel 1 is all small values.
     */
    static InMemorySource image64(DType type) {
        long[] shape = Fixtures.mask3d(41).shape();
        int voxels = (int) (shape[0] * shape[1] * shape[2]);
        long[] special = type == DType.UINT64 ? new long[] {-1L, -2L, Long.MIN_VALUE, (1L << 53) + 1, 0}
                : new long[] {(1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, -((1L << 53) + 1), 1L << 53};
        java.util.Random rnd = new java.util.Random(type.ordinal());
        long[] data = new long[2 * voxels];
        for (int i = 0; i < voxels; i++) {
            data[i] = rnd.nextInt(40) == 0 ? special[rnd.nextInt(special.length)] : 5 + rnd.nextInt(9);
            data[voxels + i] = rnd.nextInt(1000);
        }
        return new InMemorySource(type, data, new long[] {2, shape[0], shape[1], shape[2]}, new int[] {1, 2, 11, 16});
    }

    /** Min or max of channel {@code c} per label by a plain loop over the voxels (Long.compareUnsigned for uint64). */
    static java.util.Map<Long, Long> extremes(DType type, int c, boolean max) {
        int[] mask = (int[]) Fixtures.mask3d(41).data();
        long[] image = (long[]) image64(type).data();
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < mask.length; i++) {
            long v = image[c * mask.length + i];
            out.merge((long) mask[i], v, (a, b) -> {
                int cmp = type == DType.UINT64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
                return (max ? cmp >= 0 : cmp <= 0) ? a : b;
            });
        }
        return out;
    }

    static Result cli(StoreBackend backend, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("stats"), Stream.of(args)).toArray(String[]::new);
        int code = Main.run(backend, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result spark(java.util.function.Function<String, JobInputs> inputs, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = Stream.concat(Stream.of("--spark", "local[2,2]", "--partitions", "1", "--label-buckets", "2"),
                Stream.of(args)).toArray(String[]::new);
        int code = SparkStatsMain.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), inputs,
                all);
        return new Result(code, out.toString(), err.toString());
    }

    static Result spark(String... args) {
        return spark((java.util.function.Function<String, JobInputs>) null, args);
    }

    private static String[] with(String[] job, String... outputs) {
        return Stream.concat(Stream.of(job), Stream.of(outputs)).toArray(String[]::new);
    }

    /** Runs the job through both front ends into a.csv/a.parquet and b.csv/b.parquet and compares them. */
    private static void assertSameOutputs(String name, String... job) throws Exception {
        Path a = dir.resolve(name + "-cli");
        Path b = dir.resolve(name + "-spark");
        Files.createDirectories(a);
        Files.createDirectories(b);
        Result c = cli(new ZarrBackend(), with(job, "--csv", a.resolve("t.csv").toString(), "--parquet",
                a.resolve("t.parquet").toString(), "-q"));
        assertThat(c.code()).as(c.err()).isZero();
        Result s = spark(with(job, "--csv", b.resolve("t.csv").toString(), "--parquet",
                b.resolve("t.parquet").toString(), "-q"));
        assertThat(s.code()).as(s.err()).isZero();
        byte[] csv = Files.readAllBytes(a.resolve("t.csv"));
        assertThat(csv.length).isGreaterThan(100);
        assertThat(Files.readAllBytes(b.resolve("t.csv"))).isEqualTo(csv);
        assertThat(schema(b.resolve("t.parquet"))).isEqualTo(schema(a.resolve("t.parquet")));
        List<Row> fromCli = LocalSpark.get().read().parquet(a.resolve("t.parquet").toString()).collectAsList();
        List<Row> fromSpark = LocalSpark.get().read().parquet(b.resolve("t.parquet").toString()).collectAsList();
        assertThat(fromSpark).isEqualTo(fromCli);
        assertThat(fromCli).hasSize(csv.length == 0 ? 0 : new String(csv, StandardCharsets.UTF_8).split("\n").length - 1);
    }

    static MessageType schema(Path parquet) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet))) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    @Test
    void oneFieldOfViewGivesTheSameCsvBytesAndParquet() throws Exception {
        assertSameOutputs("one", "--sdata", store.toString(), "--labels-name", "cells_fov1", "--image-name",
                "img_fov1");
        // min and max keep the image's uint16, annotated as such, from both front ends
        MessageType schema = schema(dir.resolve("one-spark/t.parquet"));
        assertThat(schema.getType("max_CD3").getLogicalTypeAnnotation())
                .isEqualTo(org.apache.parquet.schema.LogicalTypeAnnotation.intType(16, false));
    }

    @Test
    void channelsIndexAndBackgroundOptionsAgree() throws Exception {
        assertSameOutputs("some", "--sdata", store.toString(), "--labels-name", "cells_fov0", "--image-name",
                "img_fov0", "--stats", "mean,min,center", "--channels", "CD8,0", "--index", "42,3,999,0",
                "--exclude-background");
    }

    @Test
    void everyStatisticAndChosenQuantilesAgree() throws Exception {
        assertSameOutputs("all", "--sdata", store.toString(), "--labels-name", "cells_fov2", "--image-name",
                "img_fov2", "--stats", "all", "--quantiles", "0.1,0.25,0.9", "--index", "42,3,999,0");
        List<String> header = List.of(Files.readAllLines(dir.resolve("all-cli/t.csv")).get(0).split(","));
        assertThat(header).contains("std_CD3", "median_DAPI", "q0.25_CD8", "bbox_max_x", "wcenter_y_CD3", "radius_2",
                "axis_2_x").doesNotContain("q0.2_CD3");
        MessageType schema = schema(dir.resolve("all-spark/t.parquet"));
        assertThat(schema.getType("bbox_min_z").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64);
    }

    /**
     * Labels spread over many block ranges keep their sorted values open in each task and merge them
     * in the reduce task (LabelStateSerde v2): medians, quantiles, bounding boxes and axes (exact
     * integer moments) come out byte for byte the command's.
     */
    @Test
    void exactStatisticsAgreeOverManyBlockRanges() throws Exception {
        Path a = dir.resolve("ranges-cli.csv");
        Path b = dir.resolve("ranges-spark.csv");
        String[] job = {"--sdata", store.toString(), "--labels-name", "cells_fov*", "--image-name", "img_fov*",
            "--stats", "count,median,quantiles,bbox,axes", "--quantiles", "0,0.333,1", "-q"};
        Result c = cli(new ZarrBackend(), with(job, "--csv", a.toString()));
        assertThat(c.code()).as(c.err()).isZero();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SparkStatsMain.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), null, Stream.concat(Stream.of(
                        "--spark", "local[2,2]", "--partitions", "5", "--label-buckets", "3"),
                        Stream.of(with(job, "--csv", b.toString()))).toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        assertThat(Files.readAllLines(a)).hasSizeGreaterThan(10);
    }

    /**
     * Issue 12: min and max of int64 and uint64 images are exact in both front ends (CSV text,
     * Parquet INT64 with INT(64, signed) or UINT(64), read back by Spark as long and decimal(20, 0)),
     * also when partial states of several block ranges merge, and the Spark job's own table has them
     * as LongType and decimal(20, 0) columns.
     */
    @Test
    void int64AndUint64ExtremesAreExactInBothFrontEnds() throws Exception {
        for (DType type : new DType[] {DType.INT64, DType.UINT64}) {
            boolean unsigned = type == DType.UINT64;
            String name = "exact-" + type.numpyName();
            String[] job = {"--sdata", store.toString(), "--labels-name", "cells_fov1", "--image-name",
                type.numpyName() + "_fov1", "--stats", "mean,min,max"};
            assertSameOutputs(name, job);
            java.util.Map<Long, Long> max = extremes(type, 0, true);
            java.util.Map<Long, Long> min = extremes(type, 0, false);
            List<String> lines = Files.readAllLines(dir.resolve(name + "-cli/t.csv"));
            assertThat(lines.get(0)).isEqualTo("cell_ID,shapeSize,mean_a,mean_b,min_a,min_b,max_a,max_b");
            assertThat(lines).hasSize(max.size() + 1);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                long label = Long.parseLong(f[0]);
                assertThat(f[4]).isEqualTo(unsigned ? Long.toUnsignedString(min.get(label)) : min.get(label).toString());
                assertThat(f[6]).isEqualTo(unsigned ? Long.toUnsignedString(max.get(label)) : max.get(label).toString());
            }
            assertThat(String.join("\n", lines)).contains(unsigned ? ",18446744073709551615," : ",9007199254740993,");
            assertThat(schema(dir.resolve(name + "-spark/t.parquet")).getType("max_a").getLogicalTypeAnnotation())
                    .isEqualTo(org.apache.parquet.schema.LogicalTypeAnnotation.intType(64, !unsigned));
            // partial states of five block ranges merge their exact extremes (state binary form v3)
            Path ranges = dir.resolve(name + "-ranges.csv");
            java.io.StringWriter err = new java.io.StringWriter();
            int code = SparkStatsMain.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                    new java.io.PrintWriter(err, true), null, Stream.concat(Stream.of(
                            "--spark", "local[2,2]", "--partitions", "5", "--label-buckets", "3"),
                            Stream.of(with(java.util.Arrays.copyOf(job, job.length - 2), "--stats", "min,max", "--csv",
                                    ranges.toString(), "-q")))
                            .toArray(String[]::new));
            assertThat(code).as(err.toString()).isZero();
            List<String> merged = Files.readAllLines(ranges);
            for (String line : merged.subList(1, merged.size())) {
                String[] f = line.split(",");
                long label = Long.parseLong(f[0]);
                assertThat(f[4]).isEqualTo(unsigned ? Long.toUnsignedString(max.get(label)) : max.get(label).toString());
            }
            // the Spark job's table: LongType for int64, decimal(20, 0) for uint64, exact values
            Dataset<Row> table = SparkRasterAggregator.builder().mask(Fixtures.mask3d(41)).image(image64(type))
                    .statistics(java.util.EnumSet.of(Statistic.MIN, Statistic.MAX)).blockPartitions(4).labelBuckets(2)
                    .build().aggregate(LocalSpark.get());
            assertThat(table.schema().apply("max_0").dataType())
                    .isEqualTo(unsigned ? DataTypes.createDecimalType(20, 0) : DataTypes.LongType);
            for (Row r : table.collectAsList()) {
                long label = r.getLong(0);
                Object m = r.get(r.fieldIndex("max_0"));
                assertThat(m.toString()).isEqualTo(unsigned ? Long.toUnsignedString(max.get(label))
                        : max.get(label).toString());
                assertThat(r.get(r.fieldIndex("min_0")).toString()).isEqualTo(unsigned
                        ? Long.toUnsignedString(min.get(label)) : min.get(label).toString());
            }
        }
    }

    @Test
    void manyFieldsOfViewAgreeAndCarryTheirLabelsElement() throws Exception {
        assertSameOutputs("many", "--sdata", store.toString(), "--labels-name", "cells_fov*", "--image-name",
                "img_fov*", "--stats", "mean,max");
        List<String> lines = Files.readAllLines(dir.resolve("many-cli/t.csv"));
        assertThat(lines.get(0)).startsWith("cell_ID,fov_labels,shapeSize,mean_DAPI");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[1]).distinct())
                .containsExactly("cells_fov0", "cells_fov1", "cells_fov2");
    }

    @Test
    void theJavaApiRunsTheSameJobOnSpark() throws Exception {
        Path csv = dir.resolve("api.csv");
        org.rasteragg.job.StatsJob job = new org.rasteragg.job.StatsJob(new org.rasteragg.job.StatsJob.Inputs(null,
                null, store.toString(), "cells_fov*", "img_fov*", null), 0, List.of("CD3"), java.util.EnumSet.of(
                org.rasteragg.core.Statistic.SUM, org.rasteragg.core.Statistic.MIN), null, true,
                new org.rasteragg.job.StatsJob.Outputs(csv.toString(), null, null, org.rasteragg.core.Statistic.MEAN, false), 0);
        org.rasteragg.job.Summary s = SparkRun.run(job, LocalSpark.get(), new SparkRun.Settings(2, 2, 1));
        assertThat(s.pairs()).isEqualTo(3);
        Path local = dir.resolve("api-local.csv");
        Result c = cli(new ZarrBackend(), "--sdata", store.toString(), "--labels-name", "cells_fov*", "--image-name",
                "img_fov*", "--channels", "CD3", "--stats", "sum,min", "--exclude-background", "--csv",
                local.toString(), "-q");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readAllBytes(csv)).isEqualTo(Files.readAllBytes(local));
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("cell_ID,fov_labels,shapeSize,sum_CD3,min_CD3");
    }

    @Test
    void gpuOnWithoutAGpuIsADataErrorOfOneLineInBothFrontEnds() {
        String[] job = {"--sdata", store.toString(), "--labels-name", "cells_fov0", "--image-name", "img_fov0",
            "--gpu", "on", "-q"};
        Result c = cli(new ZarrBackend(), job);
        Result s = spark(job);
        assertThat(c.code()).isEqualTo(1);
        assertThat(s.code()).isEqualTo(1);
        for (Result r : List.of(c, s)) {
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("rasteragg stats: error: ").contains("GPU").doesNotContain("internal");
        }
        String[] auto = {"--sdata", store.toString(), "--labels-name", "cells_fov0", "--image-name", "img_fov0",
            "--gpu", "auto", "--csv", dir.resolve("gpu-auto.csv").toString()};
        assertThat(spark(auto).err()).contains("rasteragg: running on the CPU: ");
    }

    @Test
    void theGpuOptionIsDeclaredOnceWithOneHelpText() {
        String cliHelp = cli(new ZarrBackend(), "--help").out();
        String sparkHelp = spark("--help").out();
        String line = cliHelp.lines().filter(l -> l.strip().startsWith("--gpu=")).findFirst().orElseThrow();
        assertThat(sparkHelp).contains(line);
    }

    @Test
    void aUsageErrorHasTheSameCodeAndMessage() {
        String[] job = {"--sdata", store.toString(), "--labels-name", "cells_fov0", "--stats", "mean"};
        Result c = cli(new ZarrBackend(), job);
        Result s = spark(job);
        assertThat(c.code()).isEqualTo(2);
        assertThat(s.code()).isEqualTo(2);
        assertThat(c.err()).contains("need an image").isEqualTo(s.err());
    }

    @Test
    void aDataErrorHasTheSameCodeAndMessage() {
        String[] job = {"--sdata", store.toString(), "--labels-name", "nuclei", "-q"};
        Result c = cli(new ZarrBackend(), job);
        Result s = spark(job);
        assertThat(c.code()).isEqualTo(1);
        assertThat(s.code()).isEqualTo(1);
        assertThat(c.err()).contains("nuclei").doesNotContain("internal").isEqualTo(s.err());
        String[] unpaired = {"--sdata", store.toString(), "--labels-name", "cells_fov*", "--image-name", "img_fov1*",
            "-q"};
        assertThat(cli(new ZarrBackend(), unpaired).err()).isEqualTo(spark(unpaired).err());
    }

    @Test
    void anInternalErrorSaysSoTheSameWay() {
        String[] job = {"--sdata", store.toString(), "--labels-name", "cells_fov0", "-q"};
        IllegalStateException bug = new IllegalStateException("simulated bug in the inputs");
        Result c = cli(new FailingBackend(bug), job);
        Result s = spark(p -> new FailingInputs(bug), job);
        assertThat(c.code()).isEqualTo(1);
        assertThat(s.code()).isEqualTo(1);
        assertThat(c.err()).contains("simulated bug").contains("an internal error").contains("--debug")
                .isEqualTo(s.err());
    }

    /** A backend with a bug: opening the store throws an unchecked exception that is not about the data. */
    record FailingBackend(RuntimeException bug) implements StoreBackend {
        @Override
        public Raster openRaster(Path path, int level) {
            throw bug;
        }

        @Override
        public SpatialData openSpatialData(Path s) {
            throw bug;
        }

        @Override
        public void writeDemoStore(Path s, org.rasteragg.cli.demo.DemoDataset data) {
            throw bug;
        }

        @Override
        public List<ElementInfo> describe(Path path) {
            return new ArrayList<>();
        }
    }

    /** Job inputs with the same bug. */
    record FailingInputs(RuntimeException bug) implements JobInputs {
        @Override
        public List<String> labelsNames() {
            throw bug;
        }

        @Override
        public List<String> imageNames() {
            throw bug;
        }

        @Override
        public List<String> tableNames() {
            throw bug;
        }

        @Override
        public Raster labels(FovPair pair, int level) {
            throw bug;
        }

        @Override
        public Raster image(FovPair pair, int level) {
            throw bug;
        }

        @Override
        public TableSink tables() {
            throw bug;
        }
    }
}
