package org.rasteragg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.UnknownStatisticException;
import org.rasteragg.job.options.StatsOptions;
import org.rasteragg.zarr.ZarrException;
import picocli.CommandLine;

/** The job is validated once, with one message per problem, and failures fall into one scheme. */
class StatsJobTest {

    private static StatsJob parse(String... args) {
        StatsOptions o = new StatsOptions();
        new CommandLine(o).parseArgs(args);
        return o.toJob();
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOfSatisfying(JobException.class,
                e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageContaining(message);
    }

    @Test
    void optionsBecomeAJobWithTheDefaultsOfBothFrontEnds() {
        StatsJob job = parse("--labels", "m.zarr", "--image", "i.zarr", "--index", "5,3", "--max-memory", "1.5g");
        assertThat(job.statistics()).isEqualTo(Statistic.all());
        assertThat(job.index()).containsExactly(5, 3);
        assertThat(job.maxMemoryBytes()).isEqualTo(3L << 29);
        assertThat(job.outputs().toStdout()).isTrue();
        assertThat(job.inputs().pairs(List.of(), List.of()))
                .containsExactly(FovPair.ofPaths("m.zarr", "i.zarr"));
        StatsJob maskOnly = parse("--labels", "m.zarr", "--csv", "a.csv", "--exclude-background", "--index", "0,4");
        assertThat(maskOnly.statistics()).containsExactlyInAnyOrder(Statistic.COUNT, Statistic.CENTER);
        assertThat(maskOnly.rowIndex()).containsExactly(4);
        StatsJob table = parse("--sdata", "s.zarr", "--labels-name", "cells", "--image-name", "img", "--stats",
                "var", "--table", "t", "--mode", "sum");
        assertThat(table.computedStatistics()).isEqualTo(EnumSet.of(Statistic.VAR, Statistic.COUNT,
                Statistic.CENTER, Statistic.SUM));
    }

    @Test
    void everyContradictionIsAUsageErrorNamingTheOptions() {
        assertUsage("give the label mask", "--image", "i.zarr");
        assertUsage("need --sdata", "--labels", "m.zarr", "--labels-name", "x");
        assertUsage("either --labels or --labels-name", "--sdata", "s", "--labels", "m", "--labels-name", "x");
        assertUsage("statistics mean need an image", "--labels", "m.zarr", "--stats", "mean,count");
        assertUsage("--stats bogus: unknown statistic", "--labels", "m.zarr", "--stats", "bogus");
        assertUsage("--table writes into a SpatialData store", "--labels", "m.zarr", "--table", "t");
        assertUsage("--mode must be mean or sum", "--labels", "m.zarr", "--mode", "max");
        assertUsage("--json prints the summary on stdout", "--labels", "m.zarr", "--json");
        assertUsage("--max-memory: not a size", "--labels", "m.zarr", "--max-memory", "lots");
        assertUsage("--index abc: no such file", "--labels", "m.zarr", "--index", "abc");
        assertUsage("--level must not be negative", "--labels", "m.zarr", "--level", "-1");
        assertUsage("--channels needs an image", "--labels", "m.zarr", "--channels", "CD3");
        assertUsage("name the same file", "--labels", "m.zarr", "--csv", "x", "--parquet", "./x");
        assertUsage("not a table name", "--sdata", "s", "--labels-name", "c", "--table", "../t");
        assertUsage("--pairs names every labels and image element", "--sdata", "s", "--pairs", "p.txt",
                "--labels-name", "c");
    }

    @Test
    void failuresFallIntoUsageDataOrInternal() {
        assertThat(JobException.of(new UnknownStatisticException("x")).kind()).isEqualTo(JobException.Kind.USAGE);
        assertThat(JobException.of(new InvalidInputException("x")).kind()).isEqualTo(JobException.Kind.DATA);
        assertThat(JobException.of(new ZarrException("x")).kind()).isEqualTo(JobException.Kind.DATA);
        assertThat(JobException.of(new UncheckedIOException(new IOException("disk full"))).kind())
                .isEqualTo(JobException.Kind.DATA);
        assertThat(JobException.of(new OutOfMemoryError("Java heap space")).getMessage()).contains("--max-memory");
        JobException bug = JobException.of(new NullPointerException());
        assertThat(bug.kind()).isEqualTo(JobException.Kind.INTERNAL);
        assertThat(bug.exitCode()).isEqualTo(1);
        assertThat(bug.getMessage()).isEqualTo("NullPointerException (an internal error: run again with --debug for "
                + "the stack trace and please report it)");
        // IllegalArgumentException is not a data error by itself: only core's input errors are.
        assertThat(JobException.of(new IllegalArgumentException("bad")).kind()).isEqualTo(JobException.Kind.INTERNAL);
    }

    @Test
    void channelsAreChosenByNameOrIndexOnce() {
        List<String> all = Channels.names(List.of("DAPI", "CD3", "CD8"), 3);
        assertThat(Channels.select(all, List.of("CD8", "0", "CD8"), "img")).containsExactly(2, 0);
        assertThat(Channels.names(List.of("A", "A"), 2)).containsExactly("0", "1");
        assertThat(Channels.names(null, 2)).containsExactly("0", "1");
        assertThatThrownBy(() -> Channels.select(all, List.of("CD99"), "img.zarr"))
                .hasMessage("--channels CD99: image img.zarr has no such channel; channels: [DAPI, CD3, CD8] (or an "
                        + "index 0..2)");
        assertThatThrownBy(() -> Channels.select(all, List.of("99999999999999999999"), "img.zarr"))
                .hasMessageStartingWith("--channels 99999999999999999999: image img.zarr has no such channel");
    }
}
