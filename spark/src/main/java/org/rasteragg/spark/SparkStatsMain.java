package org.rasteragg.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.rasteragg.core.LabelIndex;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rasteragg stats --spark MASTER_URL ...}: the CLI's stats command run on Spark through
 * {@link SparkRasterAggregator}, with the same options. Usable with spark-submit (the master then
 * comes from spark-submit when --spark is left out):
 *
 * <pre>
 * spark-submit --class org.rasteragg.spark.SparkStatsMain rasteragg-spark.jar \
 *     --labels /shared/cells.zarr --image /shared/img.zarr --parquet /shared/stats.parquet
 * </pre>
 *
 * Exit codes: 0 success, 1 failure (I/O, Spark), 2 bad usage or unusable inputs.
 */
@Command(name = "rasteragg stats --spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per-label statistics on an Apache Spark cluster; the same table as 'rasteragg stats'.")
public final class SparkStatsMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spark", paramLabel = "MASTER_URL",
            description = "Spark master (spark://host:7077, local[4], yarn, ...); default: what spark-submit gives.")
    String master;

    @Option(names = "--labels", paramLabel = "PATH", description = "Label mask: a Zarr array or an OME-Zarr labels image.")
    Path labels;

    @Option(names = "--image", paramLabel = "PATH", description = "Image: a Zarr array or an OME-Zarr image.")
    Path image;

    @Option(names = "--sdata", paramLabel = "STORE", description = "A SpatialData store (with --labels-name, --image-name).")
    Path sdata;

    @Option(names = "--labels-name", paramLabel = "NAME", description = "labels/NAME in the SpatialData store.")
    String labelsName;

    @Option(names = "--image-name", paramLabel = "NAME", description = "images/NAME in the SpatialData store.")
    String imageName;

    @Option(names = "--level", paramLabel = "N", defaultValue = "0",
            description = "Multiscale level of both inputs (default: ${DEFAULT-VALUE}, full resolution).")
    int level;

    @Option(names = "--channels", paramLabel = "C", split = ",",
            description = "Channels to report, by name or index (default: all).")
    List<String> channels;

    @Option(names = "--stats", paramLabel = "S", split = ",",
            description = "Any of sum,mean,count,var,skew,kurtosis,min,max,center (default: all; without an image: "
                    + "count,center).")
    List<String> stats;

    @Option(names = "--index", paramLabel = "FILE|LIST",
            description = "Labels to report, in this order: a file of labels (one per line or comma-separated) or "
                    + "a comma-separated list (default: every label present, sorted).")
    String index;

    @Option(names = "--exclude-background", description = "Leave out label 0.")
    boolean excludeBackground;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Write the wide table as Parquet (a folder of "
            + "part files written by the executors).")
    String parquet;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the wide table as one CSV file on the driver "
            + "(streamed one partition at a time).")
    Path csv;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Write an AnnData table tables/NAME into the SpatialData store (needs --sdata).")
    String table;

    @Option(names = "--mode", paramLabel = "mean|sum", defaultValue = "mean",
            description = "What X of the AnnData table holds (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--overwrite", description = "Replace an existing AnnData table or Parquet folder.")
    boolean overwrite;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Map tasks (contiguous ranges of blocks; default: 4 per core of the cluster).")
    int partitions;

    @Option(names = "--label-buckets", paramLabel = "N", defaultValue = "0",
            description = "Reduce tasks (labels hashed into N buckets; default: the cluster's cores).")
    int labelBuckets;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Engine threads inside each task (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "Memory bound of the engine inside each task, e.g. 512m, 2g (default: none).")
    String maxMemory;

    @Option(names = {"-q", "--quiet"}, description = "No summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    private PrintWriter out;
    private PrintWriter err;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the exit code (never calls System.exit). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        SparkStatsMain cmd = new SparkStatsMain();
        cmd.out = out;
        cmd.err = err;
        CommandLine cl = new CommandLine(cmd).setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (cmd.debug) {
                e.printStackTrace(err);
            }
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("rasteragg: " + m);
            err.flush();
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    private static final class Usage extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        // Inputs and outputs are checked before Spark starts.
        Path labelsPath = labels;
        Path imagePath = image;
        if (sdata != null) {
            if (labels != null || image != null) {
                throw new Usage("give either --labels/--image or --sdata with --labels-name/--image-name, not both");
            }
            if (labelsName == null) {
                throw new Usage("--sdata needs --labels-name");
            }
            labelsPath = sdata.resolve("labels").resolve(labelsName);
            imagePath = imageName == null ? null : sdata.resolve("images").resolve(imageName);
        } else if (labelsName != null || imageName != null) {
            throw new Usage("--labels-name and --image-name need --sdata");
        }
        if (labelsPath == null) {
            throw new Usage("a label mask is required: --labels PATH or --sdata STORE --labels-name NAME");
        }
        if (!mode.equals("mean") && !mode.equals("sum")) {
            throw new Usage("--mode must be mean or sum, not " + mode);
        }
        SpatialDataStore sd = null;
        if (table != null) {
            if (sdata == null) {
                throw new Usage("--table needs --sdata (the AnnData table is written into the SpatialData store)");
            }
            try {
                sd = SpatialDataStore.open(sdata);
            } catch (ZarrException e) {
                throw new Usage(sdata + ": " + e.getMessage());
            }
            if (!overwrite && sd.hasTable(table)) {
                throw new Usage(sdata + ": table '" + table + "' already exists; pass --overwrite to replace it");
            }
        }
        if (parquet == null && csv == null && table == null && !json && quiet) {
            throw new Usage("nothing to write: give --parquet DIR, --csv FILE, --table NAME or --json");
        }
        Set<Statistic> requested = parseStats(imagePath != null);
        Statistic xStat = "sum".equals(mode) ? Statistic.SUM : Statistic.MEAN;
        Set<Statistic> statistics = EnumSet.copyOf(requested);
        if (table != null) {
            statistics.add(Statistic.CENTER);
            if (imagePath != null) {
                statistics.add(xStat);
            }
        }
        long[] indexLabels = index == null ? null : LabelIndex.parse(index);
        checkOutputs();

        ZarrSource maskSource = ZarrSource.resolve(labelsPath, level);
        ZarrSource imageSource = imagePath == null ? null : ZarrSource.resolve(imagePath, level);
        List<String> channelNames = null;
        int channelCount = 0;
        if (imageSource != null) {
            ChunkedArray img = imageSource.open();
            channelCount = img.ndim() == 4 || img.ndim() == 3 && maskSource.open().ndim() == 2
                    ? (int) img.grid().extent(0) : 1;
            channelNames = ZarrSource.channelNames(imagePath);
            if (channelNames == null && sd != null && imageName != null) {
                channelNames = sd.image(imageName).channelNames();
            }
            if (channelNames != null && channelNames.size() != channelCount) {
                channelNames = null;
            }
        }
        if (channelNames == null) {
            channelNames = new ArrayList<>();
            for (int c = 0; c < channelCount; c++) {
                channelNames.add(Integer.toString(c));
            }
        }
        List<String> keepChannels = selectChannels(channelNames);
        ArraySource imageInput = imageSource;
        if (keepChannels != null && imageSource != null && imageSource.open().ndim() >= 3) {
            // Aggregate only the chosen channels, as the CLI does: the others are never decoded.
            int[] picked = new int[keepChannels.size()];
            for (int k = 0; k < picked.length; k++) {
                picked[k] = channelNames.indexOf(keepChannels.get(k));
            }
            imageInput = new ChannelSubsetSource(imageSource, picked);
            channelNames = keepChannels;
        }

        SparkRasterAggregator aggregator = SparkRasterAggregator.builder()
                .mask(maskSource).image(imageInput).statistics(statistics).index(indexLabels)
                .excludeBackground(excludeBackground).channelNames(channelNames).blockPartitions(partitions)
                .labelBuckets(labelBuckets).threadsPerTask(threads)
                .taskMaxMemory(maxMemory == null ? 0 : parseSize(maxMemory)).build();

        SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : null;
        boolean reuse = existing != null && !existing.sparkContext().isStopped()
                && (master == null || master.equals(existing.sparkContext().master()));
        SparkSession spark = reuse ? existing : session();
        try {
            Dataset<Row> computed = aggregator.aggregate(spark);
            List<String> shown = keepChannels == null ? channelNames : keepChannels;
            int outputs = (parquet != null ? 1 : 0) + (csv != null ? 1 : 0) + (table != null ? 1 : 0)
                    + (json || !quiet ? 1 : 0);
            if (outputs > 1) {
                computed = computed.persist(StorageLevel.MEMORY_AND_DISK());
            }
            Dataset<Row> result = computed.select(outputColumns(computed, requested, shown));
            if (parquet != null) {
                result.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(parquet);
            }
            if (csv != null) {
                writeCsv(result, csv);
            }
            if (table != null) {
                writeTable(sd, computed, requested, xStat, shown, imagePath != null,
                        maskSource.open().ndim() == 3);
            }
            if (json || !quiet) {
                long rows = result.count();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (json) {
                    out.printf(Locale.ROOT, "{\"labels\":%d,\"columns\":%d,\"seconds\":%.3f,\"master\":\"%s\"}%n",
                            rows, result.columns().length, seconds, spark.sparkContext().master());
                } else {
                    err.printf(Locale.ROOT, "rasteragg: %d labels, %d columns in %.1f s on %s%n", rows,
                            result.columns().length, seconds, spark.sparkContext().master());
                }
            }
            if (outputs > 1) {
                computed.unpersist();
            }
            out.flush();
            err.flush();
            return 0;
        } finally {
            if (!reuse) {
                spark.stop();
            }
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
        if (debug || System.getProperty("log4j2.configurationFile") != null || System.getenv("SPARK_CONF_DIR") != null
                || System.getenv("SPARK_HOME") != null) {
            return;
        }
        try {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        } catch (LinkageError e) {
            // another logging backend: leave it alone
        }
    }

    private Set<Statistic> parseStats(boolean withImage) {
        if (stats == null || stats.isEmpty()) {
            return withImage ? Statistic.all() : EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        }
        Set<Statistic> out = EnumSet.noneOf(Statistic.class);
        for (String s : stats) {
            out.add(Statistic.fromName(s));
        }
        for (Statistic s : out) {
            if (s.needsImage() && !withImage) {
                throw new Usage("statistic " + s.key() + " needs an image (--image or --image-name); without one "
                        + "only count and center can be computed");
            }
        }
        return out;
    }

    private List<String> selectChannels(List<String> names) {
        if (channels == null || channels.isEmpty()) {
            return null;
        }
        Set<String> keep = new LinkedHashSet<>();
        for (String c : channels) {
            String name = c.trim();
            if (!names.contains(name)) {
                try {
                    int i = Integer.parseInt(name);
                    if (i < 0 || i >= names.size()) {
                        throw new Usage("--channels: channel " + i + " does not exist; the image has " + names.size()
                                + " channels " + names);
                    }
                    name = names.get(i);
                } catch (NumberFormatException e) {
                    throw new Usage("--channels: no channel named '" + name + "'; channels: " + names);
                }
            }
            keep.add(name);
        }
        return List.copyOf(keep);
    }

    private static final List<Statistic> IMAGE_STATS = List.of(Statistic.SUM, Statistic.MEAN, Statistic.VAR,
            Statistic.SKEW, Statistic.KURTOSIS, Statistic.MIN, Statistic.MAX);

    /**
     * The columns written to Parquet and CSV, as the CLI writes them: the keys, then the requested
     * statistics (stat-major) for the chosen channels in the order given, then z, y, x.
     */
    private static Column[] outputColumns(Dataset<Row> table, Set<Statistic> requested, List<String> channels) {
        String[] all = table.columns();
        List<Column> cols = new ArrayList<>(List.of(functions.col(all[0]), functions.col(all[1])));
        for (Statistic s : IMAGE_STATS) {
            if (requested.contains(s)) {
                for (String c : channels) {
                    cols.add(functions.col(s.key() + "_" + c));
                }
            }
        }
        if (requested.contains(Statistic.CENTER)) {
            for (String axis : List.of("z", "y", "x")) {
                cols.add(functions.col(axis));
            }
        }
        return cols.toArray(new Column[0]);
    }

    /** Collects the table on the driver and writes it as the AnnData table tables/NAME of the store. */
    private void writeTable(SpatialDataStore sd, Dataset<Row> computed, Set<Statistic> requested, Statistic xStat,
            List<String> channels, boolean withImage, boolean is3d) {
        List<String> names = List.of(computed.columns());
        List<Row> rows = computed.filter(functions.col(names.get(0)).notEqual(0)).collectAsList();
        int n = rows.size();
        long[] labelsOut = new long[n];
        long[] size = new long[n];
        double[][] center = new double[n][3];
        double[][] x = new double[n][withImage ? channels.size() : 0];
        int zi = names.indexOf("z");
        int[] xCols = new int[withImage ? channels.size() : 0];
        for (int k = 0; k < xCols.length; k++) {
            xCols[k] = names.indexOf(xStat.key() + "_" + channels.get(k));
        }
        java.util.LinkedHashMap<String, double[]> extra = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> extraCols = new java.util.LinkedHashMap<>();
        for (Statistic s : IMAGE_STATS) {
            if (s != xStat && requested.contains(s)) {
                for (String c : channels) {
                    String col = s.key() + "_" + c;
                    extra.put(col, new double[n]);
                    extraCols.put(col, names.indexOf(col));
                }
            }
        }
        for (int r = 0; r < n; r++) {
            Row row = rows.get(r);
            labelsOut[r] = row.getLong(0);
            size[r] = row.getLong(1);
            for (int a = 0; a < 3; a++) {
                center[r][a] = row.getDouble(zi + a);
            }
            for (int k = 0; k < xCols.length; k++) {
                x[r][k] = ((Number) row.get(xCols[k])).doubleValue();
            }
            for (java.util.Map.Entry<String, Integer> e : extraCols.entrySet()) {
                extra.get(e.getKey())[r] = ((Number) row.get(e.getValue())).doubleValue();
            }
        }
        double[] translation = null;
        try {
            List<String> systems = sd.labels(labelsName).coordinateSystems();
            String cs = systems.contains(OmeZarrImage.DEFAULT_COORDINATE_SYSTEM)
                    ? OmeZarrImage.DEFAULT_COORDINATE_SYSTEM : systems.isEmpty() ? null : systems.get(0);
            if (cs != null) {
                translation = sd.labelsTranslation(labelsName, cs);
            }
            SpatialDataTableWriter.write(sd.store(), table, new SpatialDataTableWriter.Input(labelsOut, labelsName,
                    withImage ? channels : List.of(), x, extra, size, center, is3d, translation), overwrite);
        } catch (ZarrException e) {
            throw new UncheckedIOException(new IOException(sdata + ": cannot write tables/" + table + ": "
                    + e.getMessage(), e));
        }
    }

    private void checkOutputs() {
        if (csv != null) {
            if (Files.isDirectory(csv)) {
                throw new UncheckedIOException(new IOException("--csv " + csv + " is a directory"));
            }
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UncheckedIOException(new IOException("--csv " + csv + ": folder " + parent
                        + " does not exist"));
            }
        }
        if (parquet != null && !overwrite && !parquet.contains("://") && Files.exists(Path.of(parquet))) {
            throw new Usage("--parquet " + parquet + " already exists (give --overwrite to replace it)");
        }
    }

    /** CSV as the CLI writes it: a header, integers as integers, NaN as an empty field; one partition at a time. */
    static void writeCsv(Dataset<Row> table, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            String[] names = table.columns();
            StringBuilder line = new StringBuilder(256);
            for (int c = 0; c < names.length; c++) {
                line.append(c == 0 ? "" : ",").append(csvName(names[c]));
            }
            w.write(line.append('\n').toString());
            Iterator<Row> rows = table.toLocalIterator();
            while (rows.hasNext()) {
                Row r = rows.next();
                line.setLength(0);
                for (int c = 0; c < names.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(format(r.get(c)));
                }
                w.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "" : Double.toString(d);
        }
        if (v instanceof Float f) {
            return f.isNaN() ? "" : Double.toString(f.doubleValue());
        }
        return String.valueOf(v);
    }

    private static String csvName(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** "512m", "2g", "1024k", or bytes. */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> unit = 1;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Usage("--max-memory " + s + ": not a size like 512m or 2g");
        }
    }
}
