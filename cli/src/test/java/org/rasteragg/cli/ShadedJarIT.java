package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as {@code java -jar}: exit codes, CSV and Parquet (the shade filters keep what Parquet needs). */
class ShadedJarIT {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rasteragg.jar", "target/rasteragg.jar"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("jar", ".out");
        Path err = Files.createTempFile("jar", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void statsWritesCsvAndParquetFromTheJar() throws Exception {
        Path store = StatsCommandTest.FIXTURE.resolve("store.zarr");
        Path csv = tmp.resolve("a.csv");
        Path parquet = tmp.resolve("a.parquet");
        Run r = java("stats", "--labels", store.resolve("labels").toString(), "--image",
                store.resolve("image").toString(), "--csv", csv.toString(), "--parquet", parquet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("7 labels").doesNotContain("SLF4J").doesNotContain("WARNING:");
        Map<String, double[]> expected = CsvRead.read(StatsCommandTest.FIXTURE.resolve("expected.csv"));
        ParquetRead p = ParquetRead.read(parquet);
        expected.forEach((name, v) -> StatsCommandTest.assertClose(name, p.columns().get(name), v, 1e-9));
        assertThat(CsvRead.read(csv).keySet()).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void exitCodes() throws Exception {
        assertThat(java("--version").code()).isZero();
        Run usage = java("stats", "--stats", "nope", "--labels", "x");
        assertThat(usage.code()).isEqualTo(2);
        Run data = java("stats", "--labels", tmp.resolve("missing.zarr").toString());
        assertThat(data.code()).isEqualTo(1);
        assertThat(data.err().strip().lines().count()).as(data.err()).isEqualTo(1);
        assertThat(data.err()).contains("missing.zarr");
    }
}
