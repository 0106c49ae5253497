package org.rasteragg.job.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.job.JobException;
import org.rasteragg.job.LabelIndex;
import org.rasteragg.job.Sizes;
import org.rasteragg.job.StatsJob;
import org.rasteragg.zarr.store.StoreOptions;
import picocli.CommandLine.Mixin;
import org.rasteragg.job.out.OutputTargets;
import picocli.CommandLine.Option;

/**
 * The options of a stats job, declared once for {@code rasteragg stats} and the Spark job (a
 * picocli mixin: {@code @Mixin StatsOptions job}), so that both show the same help and a new option
 * is added here only. {@link #toJob} turns them into a validated {@link StatsJob}.
 */
public final class StatsOptions {

    @Option(names = "--labels", paramLabel = "PATH|URI", order = 1,
            description = "Label mask: a Zarr array or an OME-Zarr labels image (a path, s3:// or https:// URI).")
    String labels;

    @Option(names = "--image", paramLabel = "PATH|URI", order = 2,
            description = "Image: a Zarr array or an OME-Zarr image (a path, s3:// or https:// URI).")
    String image;

    @Option(names = "--sdata", paramLabel = "STORE", order = 3,
            description = "A SpatialData store, a path or URI (with --labels-name, --image-name or --pairs).")
    String sdata;

    @Option(names = "--labels-name", paramLabel = "NAME", order = 4,
            description = "labels/NAME in the SpatialData store; a wildcard (label_fov*) aggregates every match.")
    String labelsName;

    @Option(names = "--image-name", paramLabel = "NAME", order = 5,
            description = "images/NAME in the SpatialData store; with a wildcard, paired with the labels by what "
                    + "the wildcards matched.")
    String imageName;

    @Option(names = "--pairs", paramLabel = "FILE", order = 6,
            description = "Fields of view of the SpatialData store, one 'labels_name image_name' per line.")
    Path pairs;

    @Option(names = "--level", paramLabel = "N", defaultValue = "0", order = 7,
            description = "Multiscale level of every input (default: ${DEFAULT-VALUE}, full resolution).")
    int level;

    @Option(names = "--channels", paramLabel = "C", split = ",", order = 8,
            description = "Channels to report, by name or index (default: all).")
    List<String> channels;

    @Option(names = "--stats", paramLabel = "S", split = ",", order = 9,
            description = "Any of sum,mean,count,var,skew,kurtosis,min,max,center, beyond harpy std,median,"
                    + "quantiles,bbox,wcenter,axes, or all (every one; listed below). Default: "
                    + "sum,mean,count,var,skew,kurtosis,min,max,center; without an image: count,center.")
    List<String> stats;

    @Option(names = "--quantiles", paramLabel = "Q", split = ",", order = 9,
            description = "Quantiles of --stats quantiles, probabilities in [0, 1]; columns q{Q}_{channel} with Q as "
                    + "written, numpy's linear interpolation (default: 0.1,0.2,...,0.9, harpy's).")
    List<String> quantiles;

    @Option(names = "--index", paramLabel = "FILE|LIST", order = 10,
            description = "Labels to report, in this order: a file of labels (one per line or comma-separated) or "
                    + "a comma-separated list (default: every label present, sorted).")
    String index;

    @Option(names = "--exclude-background", order = 11, description = "Leave out label 0.")
    boolean excludeBackground;

    @Option(names = "--csv", paramLabel = "FILE|URI|-", order = 12,
            description = "Write the wide table as CSV (a path or s3:// URI; - for standard output, also beside "
                    + "--parquet or --table).")
    String csv;

    @Option(names = "--parquet", paramLabel = "FILE|URI", order = 13,
            description = "Write the wide table as Parquet (typed columns; min and max in the image dtype; a path or "
                    + "s3:// URI).")
    String parquet;

    @Option(names = "--table", paramLabel = "NAME", order = 14,
            description = "Write an AnnData table tables/NAME into the SpatialData store (needs --sdata).")
    String table;

    @Option(names = "--mode", paramLabel = "mean|sum", defaultValue = "mean", order = 15,
            description = "What X of the AnnData table holds (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--overwrite", order = 16, description = "Replace an existing AnnData table.")
    boolean overwrite;

    @Option(names = "--max-memory", paramLabel = "SIZE", order = 17,
            description = "Memory bound the engine keeps to (on Spark: in each task), e.g. 512m, 1.5g "
                    + "(default: none).")
    String maxMemory;

    @Option(names = {"-q", "--quiet"}, order = 18, description = "No progress and no summary.")
    public boolean quiet;

    @Option(names = "--json", order = 19, description = "Print a machine-readable summary on stdout.")
    public boolean json;

    // How s3:// and http(s):// locations are reached (issue 15): --s3-endpoint, --anonymous.
    @Mixin
    RemoteOptions remote = new RemoteOptions();

    /** How the job's remote inputs and outputs are opened (see {@link RemoteOptions}). */
    public StoreOptions storeOptions() {
        return remote.storeOptions();
    }

    /**
     * The job these options describe.
     *
     * @throws JobException (usage) naming the option and value of the first problem
     */
    public StatsJob toJob() {
        StatsJob.Inputs inputs = new StatsJob.Inputs(labels, image, sdata, labelsName, imageName, pairs);
        StatsJob.Outputs outputs = new StatsJob.Outputs(csv, parquet, table, StatsJob.Outputs.parseMode(mode),
                overwrite);
        if (json && outputs.toStdout()) {
            throw JobException.usage(outputs.csvFile() == null && outputs.csv() != null
                    ? "--json and --csv -: both print on stdout; give --csv a file"
                    : "--json prints the summary on stdout: give an output (--csv, --parquet or --table)");
        }
        long memory = 0;
        if (maxMemory != null) {
            try {
                memory = Sizes.parse(maxMemory);
            } catch (IllegalArgumentException e) {
                throw JobException.usage("--max-memory: " + e.getMessage());
            }
        }
        long[] rows = index == null ? null : LabelIndex.parse(index);
        Set<Statistic> statistics = StatsJob.parseStatistics(stats, inputs.hasImage());
        List<Quantile> q = StatsJob.parseQuantiles(quantiles);
        if (q != null && (statistics == null || !statistics.contains(Statistic.QUANTILES))) {
            throw JobException.usage("--quantiles " + String.join(",", quantiles) + " sets the quantiles of the "
                    + "quantiles statistic: add quantiles (or all) to --stats");
        }
        StatsJob job = new StatsJob(inputs, level, channels, statistics, rows, excludeBackground, outputs, memory, q);
        if (index != null && java.nio.file.Files.isRegularFile(Path.of(index))) {
            OutputTargets.check(job, Path.of(index));
        }
        return job;
    }
}
