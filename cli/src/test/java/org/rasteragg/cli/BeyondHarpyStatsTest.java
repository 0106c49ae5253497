package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.table.StatTable;

/**
 * The statistics beyond harpy through {@code rasteragg stats} (--stats, --quantiles) against core's
 * numpy/scipy fixtures (core/src/test/resources/golden/beyond, written by
 * tools/fixtures/core/make_beyond_harpy_fixtures.py): CSV and Parquet values within 1e-9 (quantiles
 * and medians 1e-12, bounding boxes exact), and the CSV byte for byte the core API's table, whose
 * eigenvectors BeyondHarpyGoldenTest checks.
 */
class BeyondHarpyStatsTest {

    static final Path GOLDEN = Path.of("../core/src/test/resources/golden/beyond");
    static final String QUANTILES = "0,0.1,0.25,0.333,0.5,0.9,1";
    static final String STATS = "count,std,median,quantiles,bbox,wcenter,axes";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of("ellipses2d_uint16", "ellipsoids3d_float32", "int64_labels_int16", "float64_2d", "uint8_ties")
                .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} absent index={1}")
    @MethodSource("cases")
    void csvAndParquetEqualNumpy(String name, boolean absentIndex) throws IOException {
        Path dir = GOLDEN.resolve(name);
        ChunkedArray mask = Npy.read(dir.resolve("mask.npy"), new int[] {1, 16, 13});
        InMemoryArray image = Npy.read(dir.resolve("image.npy"), new int[] {2, 1, 11, 16});
        MemoryBackend backend = new MemoryBackend().raster(tmp.resolve("labels"), mask, null)
                .raster(tmp.resolve("image"), image, null);
        long[] index = absentIndex ? (long[]) Npy.read(dir.resolve("index_absent.npy"), new int[] {1}).data() : null;
        Path csv = tmp.resolve("t.csv");
        Path parquet = tmp.resolve("t.parquet");
        List<String> args = new java.util.ArrayList<>(List.of("stats", "--labels", tmp.resolve("labels").toString(),
                "--image", tmp.resolve("image").toString(), "--stats", STATS, "--quantiles", QUANTILES, "--csv",
                csv.toString(), "--parquet", parquet.toString(), "-q"));
        if (index != null) {
            args.addAll(List.of("--index", Arrays.stream(index).mapToObj(Long::toString)
                    .collect(Collectors.joining(","))));
        }
        Cli r = Cli.run(backend, args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();

        Map<String, double[]> want = CsvRead.read(dir.resolve(absentIndex ? "wide__index_absent.csv" : "wide.csv"));
        Map<String, double[]> gotCsv = CsvRead.read(csv);
        ParquetRead gotParquet = ParquetRead.read(parquet);
        assertThat(gotCsv.keySet()).containsExactlyElementsOf(want.keySet());
        assertThat(gotParquet.columns().keySet()).containsExactlyElementsOf(want.keySet());
        for (Map.Entry<String, double[]> e : want.entrySet()) {
            String col = e.getKey();
            if (col.startsWith("axis_")) {
                continue; // eigenvectors: see below
            }
            boolean exact = col.startsWith("bbox_") || col.equals("cell_ID") || col.equals("shapeSize");
            double rel = exact ? 0 : col.startsWith("q") || col.startsWith("median") ? 1e-12 : 1e-9;
            StatsCommandTest.assertClose(name + " csv " + col, gotCsv.get(col), e.getValue(), rel);
            StatsCommandTest.assertClose(name + " parquet " + col, gotParquet.columns().get(col), e.getValue(), rel);
            if (exact) {
                assertThat(gotParquet.schema().getType(col).asPrimitiveType().getPrimitiveTypeName()).as(col)
                        .isEqualTo(PrimitiveTypeName.INT64);
            }
        }
        StatTable api = RasterAggregator.builder().mask(mask).image(image).build()
                .aggregateAll(Statistic.parseList(STATS), Quantile.parse(List.of(QUANTILES.split(","))), index)
                .wideTable(List.of("0", "1", "2").subList(0, (int) image.shape()[0]));
        assertThat(Files.readString(csv)).isEqualTo(api.toCsv());
    }

    @Test
    void statsAllIsEveryStatisticAndTheDefaultStaysHarpys() throws IOException {
        Path dir = GOLDEN.resolve("ellipses2d_uint16");
        MemoryBackend backend = new MemoryBackend()
                .raster(tmp.resolve("labels"), Npy.read(dir.resolve("mask.npy"), new int[] {1, 16, 13}), null)
                .raster(tmp.resolve("image"), Npy.read(dir.resolve("image.npy"), new int[] {3, 1, 16, 13}),
                        List.of("DAPI", "CD3", "CD8"));
        String[] in = {"stats", "--labels", tmp.resolve("labels").toString(), "--image", tmp.resolve("image").toString()};
        Cli all = Cli.run(backend, with(in, "--stats", "all", "--quantiles", "0.25,0.9", "--channels", "CD3"));
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow()).isEqualTo("cell_ID,shapeSize,sum_CD3,mean_CD3,"
                + "var_CD3,skew_CD3,kurtosis_CD3,min_CD3,max_CD3,z,y,x,std_CD3,median_CD3,q0.25_CD3,q0.9_CD3,"
                + "bbox_min_z,bbox_min_y,bbox_min_x,bbox_max_z,bbox_max_y,bbox_max_x,wcenter_z_CD3,wcenter_y_CD3,"
                + "wcenter_x_CD3,radius_0,radius_1,radius_2,axis_0_z,axis_0_y,axis_0_x,axis_1_z,axis_1_y,axis_1_x,"
                + "axis_2_z,axis_2_y,axis_2_x");
        Cli plain = Cli.run(backend, with(in, "--channels", "CD3"));
        assertThat(plain.out().lines().findFirst().orElseThrow()).isEqualTo("cell_ID,shapeSize,sum_CD3,mean_CD3,"
                + "var_CD3,skew_CD3,kurtosis_CD3,min_CD3,max_CD3,z,y,x");
        // Without --quantiles: harpy's nine
        Cli nine = Cli.run(backend, with(in, "--stats", "quantiles", "--channels", "CD8"));
        assertThat(nine.out().lines().findFirst().orElseThrow()).isEqualTo("cell_ID,shapeSize,q0.1_CD8,q0.2_CD8,"
                + "q0.3_CD8,q0.4_CD8,q0.5_CD8,q0.6_CD8,q0.7_CD8,q0.8_CD8,q0.9_CD8");
        // Without an image, all is what the mask answers
        Cli mask = Cli.run(backend, "stats", "--labels", tmp.resolve("labels").toString(), "--stats", "all");
        assertThat(mask.code()).as(mask.err()).isZero();
        assertThat(mask.out().lines().findFirst().orElseThrow()).startsWith("cell_ID,shapeSize,z,y,x,bbox_min_z")
                .endsWith("axis_2_x").doesNotContain("std");
    }

    @Test
    void badQuantilesAreUsageErrorsNamingTheOptionAndValue() {
        Path dir = GOLDEN.resolve("uint8_ties");
        MemoryBackend backend;
        try {
            backend = new MemoryBackend()
                    .raster(tmp.resolve("labels"), Npy.read(dir.resolve("mask.npy"), new int[] {1, 16, 13}), null)
                    .raster(tmp.resolve("image"), Npy.read(dir.resolve("image.npy"), new int[] {1, 1, 16, 13}), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] in = {"stats", "--labels", tmp.resolve("labels").toString(), "--image", tmp.resolve("image").toString(),
            "--stats", "quantiles"};
        Map<String, String> cases = Map.of("1.5", "--quantiles 1.5: quantile 1.5 is not in [0, 1]",
                "0.1,abc", "--quantiles 0.1,abc: quantile 'abc' is not a number",
                "0.5,0.5", "--quantiles 0.5,0.5: quantile 0.5 is requested twice");
        cases.forEach((value, message) -> {
            Cli r = Cli.run(backend, with(in, "--quantiles", value));
            assertThat(r.code()).as(value).isEqualTo(2);
            assertThat(r.err()).as(value).contains(message);
            assertThat(r.out()).isEmpty();
        });
        Cli noQuantiles = Cli.run(backend, "stats", "--labels", tmp.resolve("labels").toString(), "--image",
                tmp.resolve("image").toString(), "--stats", "mean", "--quantiles", "0.5");
        assertThat(noQuantiles.code()).isEqualTo(2);
        assertThat(noQuantiles.err()).contains("--quantiles 0.5").contains("add quantiles (or all) to --stats");
        Cli unknown = Cli.run(backend, with(in, "--stats", "mode"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--stats mode").contains("wcenter").contains("or all");
    }

    @Test
    void theHelpListsEveryStatistic() {
        Cli r = Cli.run(new MemoryBackend(), "stats", "--help");
        assertThat(r.code()).isZero();
        for (Statistic s : Statistic.every()) {
            assertThat(r.out()).as(s.key()).containsPattern("\\n  [a-z, ]*\\b" + s.key() + "\\b.* ");
        }
        assertThat(r.out()).contains("--quantiles").contains("  all        every statistic above");
    }

    private static String[] with(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
