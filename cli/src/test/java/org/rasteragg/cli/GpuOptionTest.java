package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gpu auto|on|off} on a machine where no GPU can run (these machines and CI have none; the
 * test JVM also lacks the foreign-function flags): auto runs on the CPU and says why in one line, on
 * refuses with exit 1 and one line, off says nothing, and all give the CPU engine's numbers.
 */
class GpuOptionTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/cli_small");

    @TempDir
    Path tmp;

    MemoryBackend backend;
    Path labelsPath;
    Path imagePath;

    @BeforeEach
    void setUp() throws IOException {
        labelsPath = tmp.resolve("in.zarr/labels");
        imagePath = tmp.resolve("in.zarr/image");
        backend = new MemoryBackend().raster(labelsPath, Npy.read(FIXTURE.resolve("mask.npy"), new int[] {16, 20}), null)
                .raster(imagePath, Npy.read(FIXTURE.resolve("image.npy"), new int[] {1, 16, 20}), null);
    }

    private Cli stats(String... extra) {
        String[] base = {"stats", "--labels", labelsPath.toString(), "--image", imagePath.toString()};
        return Cli.run(backend, Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void autoRunsOnTheCpuAndSaysWhyInOneLine() {
        Cli auto = stats("--gpu", "auto");
        Cli off = stats("--gpu", "off");
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(auto.out()).startsWith("cell_ID,shapeSize,").isEqualTo(off.out());
        assertThat(auto.err().lines().filter(l -> l.startsWith("rasteragg: running on the CPU: ")).count())
                .as(auto.err()).isEqualTo(1);
        assertThat(off.err()).doesNotContain("running on the CPU");
        assertThat(stats().err()).as("auto is the default").contains("rasteragg: running on the CPU: ");
    }

    @Test
    void quietKeepsTheNoticeBack() {
        Cli quiet = stats("--gpu", "auto", "-q");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.err()).doesNotContain("running on the CPU");
    }

    @Test
    void onFailsWithExitOneAndOneLineSayingWhy() throws IOException {
        Path csv = tmp.resolve("out.csv");
        Cli on = stats("--gpu", "on", "--csv", csv.toString());
        assertThat(on.code()).isEqualTo(1);
        assertThat(on.err().strip().lines()).hasSize(1);
        assertThat(on.err()).startsWith("rasteragg stats: error: ").contains("GPU").doesNotContain("internal error")
                .doesNotContain("Exception");
        assertThat(csv).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("out.csv"));
        }
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheOptionAndValue() {
        Cli bad = stats("--gpu", "sometimes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--gpu").contains("sometimes").contains("auto, on, off");
    }
}
