package org.rasteragg.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.rasteragg.cli.io.BackendInputs;
import org.rasteragg.cli.out.ProgressBar;
import org.rasteragg.job.JobException;
import org.rasteragg.job.LocalRun;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.Summary;
import org.rasteragg.job.options.DebugOption;
import org.rasteragg.job.options.GpuOption;
import org.rasteragg.job.options.StatsOptions;
import org.rasteragg.job.options.ThreadCount;
import org.rasteragg.job.out.CheckedStreamWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rasteragg stats}: the stats job ({@link StatsOptions}) run on this machine's threads
 * ({@link LocalRun}), with a progress bar and a summary.
 */
@Command(name = "stats", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Per-label statistics of an image over a label mask: one row per label with cell_ID, "
                + "shapeSize, {stat}_{channel} and the center of mass z, y, x.",
            "Inputs: --labels/--image (Zarr arrays or OME-Zarr images), or --sdata STORE with --labels-name/"
                + "--image-name (wildcards aggregate many fields of view) or --pairs. Outputs: any of --csv, "
                + "--parquet, --table; none: CSV on stdout."},
        footer = {"", "Examples:",
            "  Every statistic of every cell, as an AnnData table in the store:",
            "    rasteragg stats --sdata slide.zarr --labels-name cells \\",
            "      --image-name img --table cells_stats",
            "  Two channels only (the others are never read), CSV and Parquet:",
            "    rasteragg stats --labels cells.zarr --image img.ome.zarr \\",
            "      --stats mean,count --channels CD3,CD20 --exclude-background \\",
            "      --csv means.csv --parquet means.parquet",
            "  Every field of view of a slide in one table:",
            "    rasteragg stats --sdata slide.zarr --labels-name 'label_whole_fov*' \\",
            "      --image-name 'raw_image_fov*' --table fov_stats",
            "  Mask only: sizes and centers of three cells, JSON summary:",
            "    rasteragg stats --labels cells.zarr --stats count,center \\",
            "      --index 12,7,99 --json --csv cells.csv",
            "", "Exit codes: 0 ok, 1 data error (or an internal error, which says so), 2 usage error."})
public final class StatsCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    StatsOptions options;

    @Mixin
    GpuOption gpu;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--spark", paramLabel = "URL", description = "Run on a Spark cluster (only through the ./rasteragg launcher).")
    String spark;

    @Option(names = "--progress", hidden = true, description = "Draw the progress bar even when stderr is not a terminal.")
    boolean forceProgress;

    @Mixin(name = DebugOption.NAME)
    DebugOption debug;

    public StatsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        run();
        return 0;
    }

    /** Runs the command. @throws JobException of the failure's kind */
    public LocalRun.Outcome run() {
        if (spark != null) {
            throw JobException.usage("--spark runs the Spark job, which this jar does not contain: run it through "
                    + "the launcher, ./rasteragg stats --spark " + spark + " ...");
        }
        int threadCount = ThreadCount.check(threads);
        StatsJob job = options.toJob();
        ProgressBar bar = new ProgressBar(ctx.err(), !options.quiet && !options.json
                && (ctx.terminal() || forceProgress));
        LocalRun.Outcome o;
        try {
            PrintWriter err = writer(ctx.err());
            o = LocalRun.run(job, new BackendInputs(ctx.backend(), job.inputs().sdata(), options.storeOptions()),
                    threadCount, gpu.mode(), options.quiet ? null : line -> {
                        bar.finish();
                        err.println(line);
                    }, bar, new CheckedStreamWriter(ctx.out()));
        } finally {
            bar.finish();
        }
        new Summary(o.rows(), o.pairs(), o.columns(), o.voxels(), o.seconds(), bar.bytesDecoded(), o.warnings(),
                "local").print(job, options.json, options.quiet, writer(ctx.out()), writer(ctx.err()));
        return o;
    }

    private static PrintWriter writer(PrintStream s) {
        return new PrintWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8), true);
    }
}
