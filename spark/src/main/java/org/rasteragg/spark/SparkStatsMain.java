package org.rasteragg.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.rasteragg.job.JobException;
import org.rasteragg.job.PreparedJob;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.ZarrInputs;
import org.rasteragg.core.GpuMode;
import org.rasteragg.job.options.DebugOption;
import org.rasteragg.job.options.GpuOption;
import org.rasteragg.job.options.Failures;
import org.rasteragg.job.options.StatisticsHelp;
import org.rasteragg.job.options.StatsOptions;
import org.rasteragg.job.options.ThreadCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code rasteragg stats --spark MASTER_URL ...}: the stats job of {@code rasteragg stats} (the same
 * {@link StatsOptions}, messages and exit codes) run on Spark by {@link SparkRun}. Usable with
 * spark-submit (the master then comes from spark-submit when --spark is left out):
 *
 * <pre>
 * spark-submit --class org.rasteragg.spark.SparkStatsMain rasteragg-spark.jar \
 *     --labels /shared/cells.zarr --image /shared/img.zarr --parquet /shared/stats.parquet
 * </pre>
 */
@Command(name = "rasteragg stats --spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per-label statistics on an Apache Spark cluster; the same job, options and table as "
                + "'rasteragg stats'.",
        footer = {"", "Exit codes: 0 ok, 1 data error (or an internal error, which says so), 2 usage error."})
public final class SparkStatsMain implements Callable<Integer> {

    @Mixin
    StatsOptions options;

    @Option(names = "--spark", paramLabel = "MASTER_URL",
            description = "Spark master (spark://host:7077, local[4], yarn, ...); default: what spark-submit gives.")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Map tasks (contiguous ranges of blocks; default: 4 per core of the cluster).")
    int partitions;

    @Option(names = "--label-buckets", paramLabel = "N", defaultValue = "0",
            description = "Reduce tasks (labels hashed into N buckets; default: the cluster's cores).")
    int labelBuckets;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Engine threads inside each task (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    GpuOption gpu;

    @Mixin(name = DebugOption.NAME)
    DebugOption debug;

    private PrintWriter out;
    private PrintWriter err;
    /** The inputs of a job with this SpatialData store (or none); tests substitute failing ones. */
    private Function<String, JobInputs> inputs;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the exit code (never calls System.exit). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, null, args);
    }

    /** @param inputs the job's inputs for its store, or null for its Zarr locations (with the job's store options) */
    static int run(PrintWriter out, PrintWriter err, Function<String, JobInputs> inputs, String... args) {
        SparkStatsMain cmd = new SparkStatsMain();
        cmd.out = out;
        cmd.err = err;
        cmd.inputs = inputs;
        CommandLine cl = new CommandLine(cmd).setOut(out).setErr(err);
        StatisticsHelp.addTo(cl);
        cl.setExecutionExceptionHandler(Failures.handler("rasteragg stats"));
        return Failures.execute(cl, "rasteragg stats", args);
    }

    @Override
    public Integer call() {
        if (partitions < 0 || labelBuckets < 0) {
            throw JobException.usage("--partitions and --label-buckets must not be negative: "
                    + partitions + ", " + labelBuckets);
        }
        ThreadCount.check(threads);
        StatsJob job = options.toJob();
        sayWhyOnTheCpu(gpu.mode());
        // Inputs and outputs are checked before Spark starts.
        JobInputs in = inputs != null ? inputs.apply(job.inputs().sdata())
                : new ZarrInputs(job.inputs().sdata(), options.storeOptions());
        PreparedJob prepared = PreparedJob.prepare(job, in);
        SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : null;
        boolean reuse = existing != null && !existing.sparkContext().isStopped()
                && (master == null || master.equals(existing.sparkContext().master()));
        SparkSession spark = reuse ? existing : session();
        try {
            SparkRun.run(prepared, in, new SparkRun.Settings(partitions, labelBuckets, threads), spark,
                    options.quiet || options.json, out, err).print(job, options.json, options.quiet, out, err);
            out.flush();
            return 0;
        } finally {
            if (!reuse) {
                spark.stop();
            }
        }
    }

    /**
     * Spark's tasks aggregate block ranges on the CPU engine: the GPU engine runs whole arrays only.
     * So AUTO says it runs on the CPU (as the command does when no GPU can run a job) and ON refuses
     * before Spark starts.
     */
    private void sayWhyOnTheCpu(GpuMode mode) {
        String why = "the Spark job aggregates block ranges on the CPU engine (the GPU engine runs whole arrays: use "
                + "rasteragg stats without --spark on a GPU machine)";
        if (mode == GpuMode.ON) {
            throw JobException.data("--gpu on: cannot run on a GPU: " + why);
        }
        if (mode == GpuMode.AUTO && !options.quiet) {
            err.println("rasteragg: running on the CPU: " + why);
        }
    }

    private SparkSession session() {
        quietSparkLogs();
        SparkSession.Builder b = SparkSession.builder().appName("rasteragg stats");
        if (master != null) {
            b.master(master);
        }
        return b.getOrCreate();
    }

    /**
     * Spark logs every step at INFO; on a terminal that buries the result. Unless a log4j2
     * configuration is given (spark-submit's conf dir, -Dlog4j2.configurationFile) or --debug, only
     * warnings are shown.
     */
    private void quietSparkLogs() {
        if (debug.enabled || System.getProperty("log4j2.configurationFile") != null
                || System.getenv("SPARK_CONF_DIR") != null || System.getenv("SPARK_HOME") != null) {
            return;
        }
        try {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        } catch (LinkageError e) {
            // another logging backend: leave it alone
        }
    }
}
