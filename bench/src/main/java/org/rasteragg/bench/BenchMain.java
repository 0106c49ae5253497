package org.rasteragg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.synthetic.SyntheticTissue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rasteragg bench}: the end-to-end benchmark. Generates (once, cached) seeded cell-like
 * SpatialData stores with blosc-lz4 chunks, then in one JVM measures the scan floor, rasteragg with
 * every statistic in one pass, each statistic alone, the same in memory, thread scaling and label
 * scaling, and checks the targets of the performance issue.
 */
@Command(name = "rasteragg bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures rasteragg against the floor of reading the data (decode every chunk, sum every value).",
            "Datasets: seeded Voronoi cells (~1 cell per 180 voxels, ~25%% background), 4 uint16 channels, "
                    + "blosc-lz4 chunks of 1024 x 1024, written once under --dir and reused.",
            "Each figure is the median of --repeats runs after --warmups runs, all in this JVM. The scan, all "
                    + "statistics and all statistics on 1 thread are timed in turn; their ratios are medians of the "
                    + "ratios of adjacent runs. At the largest size one more run happens in a child JVM whose -Xmx is "
                    + "the memory target."})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--dir", description = "Where datasets are written and reused (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("rasteragg-bench-data");

    @Option(names = "--sizes", split = ",", description = "Edge lengths of the 2D datasets (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes = List.of(1024, 4096, 16384);

    @Option(names = "--detail-size", description = "The size at which each statistic is timed alone, in memory too, "
            + "and threads and labels are scaled (default: ${DEFAULT-VALUE}).")
    int detailSize = 4096;

    @Option(names = "--3d", description = "Also measure the 3D dataset 64 x 2048 x 2048 (chunks 16 x 1024 x 1024).")
    boolean threeD;

    @Option(names = "--threads", description = "Worker threads (default: available cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--repeats", description = "Timed repeats per figure (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Option(names = "--warmups", description = "Untimed runs before the repeats (default: ${DEFAULT-VALUE}).")
    int warmups = 2;

    @Option(names = "--launcher", description = "The rasteragg launcher whose stats command is timed as a child "
            + "process (rows cli-cold, cli-10m; default: ./rasteragg of this checkout).")
    Path launcher = CommandRuns.defaultLauncher();

    @Option(names = "--no-command", description = "Leave out the rows of the whole command (cli-cold, cli-10m).")
    boolean noCommand;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--beyond-harpy", description = "Only the rows of the statistics beyond harpy (harpy, "
            + "harpy+more, default, every, quantiles) at --detail-size.")
    boolean beyondHarpyOnly;

    public static void main(String[] args) {
        // The engine logs a warning per run when some skew/kurtosis are set to 0 (labels of one
        // voxel): dozens of identical lines between the bench's own progress lines.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args));
    }

    /** Runs the command; returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new BenchMain()).execute(args);
    }

    @Override
    public Integer call() {
        BenchRunner runner = new BenchRunner(warmups, repeats);
        List<Measurement> rows = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        if (beyondHarpyOnly) {
            sizes = List.of(detailSize);
        }
        for (int size : sizes) {
            progress("2D %d x %d: preparing dataset", size, size);
            BenchDatasets.Dataset d = BenchDatasets.twoD(dir, size);
            if (size == detailSize) {
                progress("2D %d x %d: the statistics beyond harpy", size, size);
                BeyondHarpyBench.Outcome beyond = BeyondHarpyBench.measure(warmups, repeats, d.name(), "zarr-blosc-lz4",
                        d.labels(), d.image(), threads);
                rows.addAll(beyond.rows());
                checks.addAll(beyond.checks());
            }
            if (beyondHarpyOnly) {
                continue;
            }
            progress("2D %d x %d: measuring", size, size);
            rows.addAll(runner.measure(d.name(), "zarr-blosc-lz4", d.labels(), d.image(), threads, size == detailSize,
                    size == detailSize && threads > 1));
            if (size > detailSize && size == Collections.max(sizes)) {
                rows.add(probeMemory(d, size, rows));
            }
            if (size >= detailSize && commands() != null) {
                progress("2D %d x %d: the stats command as a child process, median of %d", size, size, repeats);
                rows.addAll(coldCommand(d, size, rows));
            }
            if (size == detailSize) {
                progress("2D %d x %d: the CSV and Parquet writers", size, size);
                AggregationResult result = RasterAggregator.builder().mask(d.labels()).image(d.image())
                        .threads(threads).build().aggregateAll(Statistic.all(), null);
                rows.addAll(WriterThroughput.measure(d.name(), result, BenchDatasets.CHANNEL_NAMES,
                        d.image().dtype(), dir.resolve("scratch"), runner, threads));
                progress("2D %d x %d: in memory", size, size);
                InMemoryArray labels = Materialize.inMemory(d.labels());
                InMemoryArray image = Materialize.inMemory(d.image());
                rows.addAll(runner.measure(d.name(), "in-memory", labels, image, threads, false, false));
            }
        }
        if (sizes.contains(detailSize) && !beyondHarpyOnly) {
            progress("label scaling at %d x %d", detailSize, detailSize);
            long voxels = (long) detailSize * detailSize;
            // 1e4 and 1e6 labels at 4096^2 (the figures); never cells under 16 voxels.
            List<BenchRunner.Input> inputs = new ArrayList<>();
            for (long labels : new long[] {Math.min(10_000, voxels / 1600), Math.min(1_000_000, voxels / 16)}) {
                double voxelsPerCell = (double) voxels / labels;
                SyntheticTissue t = new SyntheticTissue(new long[] {1, detailSize, detailSize}, voxelsPerCell, 4, 11);
                inputs.add(new BenchRunner.Input(labels <= voxels / 1600 ? "labels-few" : "labels-many",
                        Materialize.inMemory(t.labels(new int[] {1, 1024, 1024})),
                        Materialize.inMemory(t.image(new int[] {1, 1, 1024, 1024}))));
            }
            rows.addAll(runner.measureAllInTurn(inputs, "in-memory", threads));
        }
        if (commands() != null) {
            progress("10^7 labels: the stats command (CSV, Parquet, table) in a child JVM capped at -Xmx2g");
            Path store = BenchDatasets.tenMillion(dir);
            CommandRuns.Outcome o = commands().capped(store, threads, TEN_MILLION_HEAP);
            if (!o.completed()) {
                progress("10^7 labels: %s", o.detail());
            }
            rows.add(new Measurement(BenchDatasets.TEN_MILLION, CommandRuns.TEN_MILLION, "zarr-blosc-lz4", threads,
                    o.seconds(), 4000L * 5000, o.completed() ? 10_000_000 : 0, 4000L * 5000 * (4 + 2),
                    TEN_MILLION_HEAP, 0, Double.NaN, Double.NaN));
        }
        // The figure is 10^7 labels whatever the sizes; tiny runs (tests) with a detail size
        // below the 4096 leave out this 8 GB child.
        if (sizes.contains(detailSize) && detailSize >= 4096 && !beyondHarpyOnly) {
            progress("10^7 labels x 4 channels: building the result, in a child JVM of -Xmx%dm",
                    ResultBuild.HEAP_BYTES >> 20);
            ResultBuild.Outcome o = ResultBuild.run(threads, Math.min(repeats, 3));
            if (!o.completed()) {
                progress("10^7 labels x 4 channels: %s", o.detail());
            }
            rows.add(new Measurement(ResultBuild.DATASET, ResultBuild.METHOD, "in-memory", threads, o.seconds(),
                    ResultBuild.VOXELS, o.completed() ? ResultBuild.LABELS : 0, 0, ResultBuild.HEAP_BYTES, 0,
                    Double.NaN, Double.NaN));
            rows.add(new Measurement(ResultBuild.DATASET, ResultBuild.FLOOR, "in-memory", threads, o.floorSeconds(),
                    ResultBuild.VOXELS, o.completed() ? ResultBuild.LABELS : 0, o.columns() * ResultBuild.LABELS * 8,
                    ResultBuild.HEAP_BYTES, 0, Double.NaN, Double.NaN));
            checks.add(TargetChecks.resultBuild(o, threads));
        }
        if (threeD) {
            progress("3D 64 x 2048 x 2048: preparing dataset");
            BenchDatasets.Dataset d = BenchDatasets.threeD(dir);
            progress("3D: measuring");
            rows.addAll(runner.measure(d.name(), "zarr-blosc-lz4", d.labels(), d.image(), threads, false, false));
        }
        checks.addAll(TargetChecks.evaluate(rows, detailSize, sizes, threads,
                LabelState.bytesPerLabel(Features.of(Statistic.all()), 4)));
        if (json) {
            Report.json(rows, checks, System.out);
        } else {
            Report.table(rows, System.out);
            System.out.println();
            checks.forEach(System.out::println);
        }
        return 0;
    }

    /** The heap of the 10^7-label command (the bound). */
    static final long TEN_MILLION_HEAP = 2L << 30;

    private CommandRuns commands() {
        return noCommand || launcher == null ? null : new CommandRuns(launcher, dir.resolve("scratch"));
    }

    /**
     * The stats command on the dataset as a child process: median wall time, from outside (row
     * cli-cold); the job's own seconds inside those processes (cli-job) and a process that only prints
     * --version (cli-start), which split it.
     */
    private List<Measurement> coldCommand(BenchDatasets.Dataset d, int size, List<Measurement> rows) {
        Measurement all = rows.stream().filter(m -> m.dataset().equals(d.name()) && m.method().equals("all")
                && m.storage().equals("zarr-blosc-lz4") && m.threads() == threads).findFirst().orElseThrow();
        CommandRuns.Outcome o = commands().cold(dir.resolve(d.name() + ".zarr"), threads, repeats);
        if (!o.completed()) {
            progress("2D %d x %d: the stats command %s", size, size, o.detail());
        }
        long labels = o.completed() ? all.labels() : 0;
        return List.of(
                new Measurement(d.name(), CommandRuns.COLD, all.storage(), threads, o.seconds(), all.voxels(), labels,
                        all.bytes(), 0, 0, Double.NaN, Double.NaN),
                new Measurement(d.name(), CommandRuns.JOB, all.storage(), threads, o.jobSeconds(), all.voxels(), labels,
                        all.bytes(), 0, 0, Double.NaN, Double.NaN),
                new Measurement(d.name(), CommandRuns.START, all.storage(), threads, o.startSeconds(), 0, 0, 0, 0, 0,
                        Double.NaN, Double.NaN));
    }

    /** Runs every statistic once in a child JVM whose heap is the memory bound. */
    private Measurement probeMemory(BenchDatasets.Dataset d, int size, List<Measurement> rows) {
        Measurement all = rows.stream().filter(m -> m.dataset().equals(d.name()) && m.method().equals("all"))
                .findFirst().orElseThrow();
        long bound = TargetChecks.memoryBound(all.labels(), threads);
        progress("2D %d x %d: one run in a JVM limited to the memory bound, -Xmx%dm", size, size, bound >> 20);
        MemoryProbe.Outcome outcome = MemoryProbe.run(dir, size, threads, bound);
        if (!outcome.completed()) {
            progress("2D %d x %d: the run under -Xmx%dm %s", size, size, bound >> 20, outcome.detail());
        }
        return new Measurement(d.name(), TargetChecks.CAPPED, all.storage(), threads, outcome.seconds(), all.voxels(),
                outcome.labels(), all.bytes(), bound, 0, Double.NaN, Double.NaN);
    }

    private void progress(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
