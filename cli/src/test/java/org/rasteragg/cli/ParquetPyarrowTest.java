package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * The command's Parquet files (Zstandard pages, dictionary-encoded counts and fov_labels) read by
 * pyarrow and fastparquet, readers independent of parquet-mr: every value equals the same run's
 * CSV (tools/fixtures/cli/check_parquet.py), for every statistic, several fields of view and the
 * int64 and uint64 extremes. Skipped where the python of {@code RASTERAGG_PARQUET_PYTHON} (default
 * /usr/bin/python3) cannot import pyarrow (Debian has no package of it).
 */
class ParquetPyarrowTest {

    static final Path CHECKER = Path.of("../tools/fixtures/cli/check_parquet.py");

    @TempDir
    Path dir;

    private String python;

    @BeforeEach
    void findPyarrow() {
        String env = System.getenv("RASTERAGG_PARQUET_PYTHON");
        python = env != null && !env.isBlank() ? env : "/usr/bin/python3";
        boolean found;
        try {
            Process p = new ProcessBuilder(python, "-c", "import pyarrow").redirectErrorStream(true).start();
            found = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        Assumptions.assumeTrue(found, python + " cannot import pyarrow");
    }

    @Test
    void everyStatisticReadsBackEqualToTheCsv() throws Exception {
        Path store = dir.resolve("s.zarr");
        new ZarrBackend().writeDemoStore(store, org.rasteragg.cli.demo.DemoDataset.generate(true, 12, 64, 80, 9));
        assertThat(statsAndCheck("--sdata", store.toString(), "--labels-name", "cells", "--image-name", "image",
                "--stats", "all", "--quantiles", "0.1,0.5,0.95")).matches("ok \\d+ \\d+ ZSTD pyarrow.*");
    }

    @Test
    void fieldsOfViewReadBackEqualToTheCsv() throws Exception {
        assertThat(statsAndCheck("--sdata", ManyFieldsOfViewTest.FIXTURE.toString(), "--labels-name",
                "label_whole_fov*", "--image-name", "raw_image_fov*")).startsWith("ok ");
    }

    @ParameterizedTest
    @CsvSource({"INT64", "UINT64"})
    void int64AndUint64ExtremesReadBackExact(DType type) throws Exception {
        int[] mask = {1, 1, 2, 2, 3, 0, 1, 2, 3, 3};
        long[] image = type == DType.UINT64
                ? new long[] {-1, 0, (1L << 53) + 1, Long.MIN_VALUE, Long.MAX_VALUE, 5, 7, 1L << 63 | 1, -2, 3}
                : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, -((1L << 53) + 1), 0, 5, -1, 1, 2, 3};
        Path m = Files.createDirectories(dir.resolve("mask.zarr"));
        ZarrArrayWriter.builder(new FileSystemStore(m), "").zarrFormat(2).shape(2, 5).chunks(2, 3).dtype(DType.INT32)
                .create().writeAll(mask);
        Path img = Files.createDirectories(dir.resolve("image.zarr"));
        ZarrArrayWriter.builder(new FileSystemStore(img), "").zarrFormat(2).shape(1, 2, 5).chunks(1, 1, 5).dtype(type)
                .create().writeAll(image);
        assertThat(statsAndCheck("--labels", m.toString(), "--image", img.toString(), "--stats", "count,min,max,bbox"))
                .startsWith("ok 4 ");
    }

    /** Runs stats with CSV and Parquet outputs, then the checker on both; returns its line. */
    private String statsAndCheck(String... args) throws Exception {
        Path csv = dir.resolve("t.csv");
        Path parquet = dir.resolve("t.parquet");
        List<String> all = new ArrayList<>(List.of("stats"));
        all.addAll(List.of(args));
        all.addAll(List.of("--csv", csv.toString(), "--parquet", parquet.toString(), "-q"));
        Cli r = DiskStores.run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        Path log = dir.resolve("check.log");
        Process p = new ProcessBuilder(python, CHECKER.toString(), parquet.toString(), csv.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log).strip();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
