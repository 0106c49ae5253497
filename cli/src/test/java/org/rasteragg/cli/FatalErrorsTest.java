package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.cli.io.SpatialData;
import org.rasteragg.cli.io.StoreBackend;
import org.rasteragg.job.io.Raster;

/**
 * Issue 12, messages: an OutOfMemoryError becomes one line saying what to change, a linkage error
 * (a class missing from the installation) one line saying it is an internal error; a bug (an
 * IllegalArgumentException of ours) is internal, not a data error; none shows a JVM stack trace
 * unless --debug asks for it.
 */
class FatalErrorsTest {

    /** A backend whose every read throws what {@code failure} gives. */
    private static StoreBackend failing(Supplier<Throwable> failure) {
        return new StoreBackend() {
            @Override
            public Raster openRaster(Path path, int level) {
                Throwable t = failure.get();
                if (t instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) t;
            }

            @Override
            public SpatialData openSpatialData(Path store) {
                return null;
            }

            @Override
            public void writeDemoStore(Path store, DemoDataset data) {
            }

            @Override
            public List<ElementInfo> describe(Path path) {
                return List.of();
            }
        };
    }

    private static Cli stats(Supplier<Throwable> failure, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("stats", "--labels", "m.zarr"));
        args.addAll(List.of(extra));
        return Cli.run(failing(failure), args.toArray(String[]::new));
    }

    @Test
    void outOfMemoryIsOneLineSayingWhatToChange() {
        Cli r = stats(() -> new OutOfMemoryError("Java heap space"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("rasteragg stats: error: out of memory (Java heap space): give "
                + "--max-memory (e.g. --max-memory 2g), fewer --threads or a larger heap (-Xmx8g, "
                + "RASTERAGG_JAVA_OPTS=-Xmx8g)");
    }

    @Test
    void aMissingClassIsOneLineSayingItIsAnInternalError() {
        Cli r = stats(() -> new NoClassDefFoundError("org/apache/parquet/hadoop/ParquetWriter"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("rasteragg stats: error: internal error: NoClassDefFoundError "
                + "org/apache/parquet/hadoop/ParquetWriter (a broken installation or build: run again with --debug "
                + "for the stack trace and please report it)");
    }

    @Test
    void anIllegalArgumentOfOursIsABugNotBadDataAndDebugAddsTheTrace() {
        Cli r = stats(() -> new IllegalArgumentException("negative length -3"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("rasteragg stats: error: negative length -3 (an internal error: run "
                + "again with --debug for the stack trace and please report it)");
        Cli debug = stats(() -> new IllegalArgumentException("negative length -3"), "--debug");
        assertThat(debug.err()).contains("java.lang.IllegalArgumentException: negative length -3")
                .contains("\tat org.rasteragg.cli.FatalErrorsTest");
    }
}
