package org.rasteragg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rasteragg.cli.io.Raster;
import org.rasteragg.cli.io.SpatialData;
import org.rasteragg.cli.io.TableData;
import org.rasteragg.cli.out.AtomicOutput;
import org.rasteragg.cli.out.ParquetTableWriter;
import org.rasteragg.cli.out.ProgressBar;
import org.rasteragg.core.LabelIndex;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rasteragg stats}: per-label statistics of an image over a label mask, to CSV, Parquet and AnnData. */
@Command(name = "stats", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Per-label statistics of an image over a label mask: one row per label with cell_ID, "
                + "shapeSize, {stat}_{channel} and the center of mass z, y, x.",
            "Inputs: --labels/--image (Zarr arrays or OME-Zarr images), or --sdata STORE with --labels-name/"
                + "--image-name. Outputs: any of --csv, --parquet, --table; none: CSV on stdout."},
        footer = {"", "Examples:",
            "  Every statistic of every cell, as an AnnData table in the store:",
            "    rasteragg stats --sdata slide.zarr --labels-name cells \\",
            "      --image-name img --table cells_stats",
            "  Two channels only (the others are never read), CSV and Parquet:",
            "    rasteragg stats --labels cells.zarr --image img.ome.zarr \\",
            "      --stats mean,count --channels CD3,CD20 --exclude-background \\",
            "      --csv means.csv --parquet means.parquet",
            "  Mask only: sizes and centers of three cells, JSON summary:",
            "    rasteragg stats --labels cells.zarr --stats count,center \\",
            "      --index 12,7,99 --json",
            "", "Exit codes: 0 ok, 1 data error, 2 usage error."})
public final class StatsCommand implements Callable<Integer> {

    /** Column order of the statistics in the wide table (core's order). */
    private static final List<Statistic> IMAGE_STATS = List.of(Statistic.SUM, Statistic.MEAN, Statistic.VAR,
            Statistic.SKEW, Statistic.KURTOSIS, Statistic.MIN, Statistic.MAX);

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

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

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the wide table as CSV.")
    Path csv;

    @Option(names = "--parquet", paramLabel = "FILE", description = "Write the wide table as Parquet (typed columns).")
    Path parquet;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Write an AnnData table tables/NAME into the SpatialData store (needs --sdata).")
    String table;

    @Option(names = "--mode", paramLabel = "mean|sum", defaultValue = "mean",
            description = "What X of the AnnData table holds (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--overwrite", description = "Replace an existing AnnData table.")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "Memory bound the engine keeps to, e.g. 512m, 2g (default: none).")
    String maxMemory;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
    boolean json;

    @Option(names = "--spark", paramLabel = "URL", description = "Run on a Spark cluster (only through the ./rasteragg launcher).")
    String spark;

    @Option(names = "--progress", hidden = true, description = "Draw the progress bar even when stderr is not a terminal.")
    boolean forceProgress;

    @Mixin(name = DebugOption.NAME)
    DebugOption debug;

    public StatsCommand(CliContext ctx) {
        this.ctx = ctx;
    }


    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** What a run produced, for the demo and tests. */
    public record Outcome(StatTable table, long voxels, double seconds, long bytes) {
    }

    @Override
    public Integer call() {
        run();
        return 0;
    }

    /** Runs the command (usage errors as ParameterException, data errors as CliException or core exceptions). */
    public Outcome run() {
        if (spark != null) {
            throw usage("--spark runs the Spark job, which this jar does not contain: run it through the launcher, "
                    + "./rasteragg stats --spark " + spark + " ...");
        }
        checkUsage();
        EnumSet<Statistic> requested = parseStats();
        long maxMemoryBytes = parseMaxMemory();
        long[] indexLabels = index == null ? null : LabelIndex.parse(index);

        // Fail fast on outputs before the long computation.
        if (csv != null) {
            AtomicOutput.checkWritable(csv, "CSV");
        }
        if (parquet != null) {
            AtomicOutput.checkWritable(parquet, "Parquet file");
        }
        SpatialData store = sdata == null ? null : ctx.backend().openSpatialData(sdata);
        if (table != null && !overwrite && store.tableNames().contains(table)) {
            throw new CliException(sdata + ": table '" + table + "' already exists; pass --overwrite to replace it");
        }

        Raster mask = store != null && labelsName != null ? store.labels(labelsName, level)
                : ctx.backend().openRaster(labels, level);
        Raster img = null;
        if (store != null && imageName != null) {
            img = store.image(imageName, level);
        } else if (image != null) {
            img = ctx.backend().openRaster(image, level);
        }
        boolean needsImage = requested.stream().anyMatch(Statistic::needsImage);
        if (img == null && needsImage) {
            throw usage("statistics " + requested.stream().filter(Statistic::needsImage).map(Statistic::key).toList()
                    + " need an image: give --image or --image-name (or --stats count,center)");
        }

        List<String> imageChannels = img == null ? List.of() : channelNames(mask.array(), img);
        List<Integer> chosen = selectChannels(imageChannels, img);
        // Aggregate only the chosen channels: the others are never decoded.
        ChunkedArray imageArray = null;
        if (img != null) {
            // An image without a channel axis has its single channel.
            boolean hasChannelAxis = img.array().ndim() > mask.array().ndim();
            imageArray = hasChannelAxis
                    ? ChunkedArrays.selectChannels(img.array(), chosen.stream().mapToInt(Integer::intValue).toArray())
                    : img.array();
        }
        List<String> allChannels = chosen.stream().map(imageChannels::get).toList();
        List<Integer> selected = java.util.stream.IntStream.range(0, chosen.size()).boxed().toList();

        EnumSet<Statistic> computed = EnumSet.copyOf(requested);
        computed.add(Statistic.COUNT);
        Statistic xStat = "sum".equals(mode) ? Statistic.SUM : Statistic.MEAN;
        if (table != null) {
            computed.add(Statistic.CENTER);
            if (img != null) {
                computed.add(xStat);
            }
        }
        if (indexLabels != null && excludeBackground) {
            indexLabels = java.util.Arrays.stream(indexLabels).filter(l -> l != 0).toArray();
        }

        ProgressBar bar = new ProgressBar(ctx.err(), !quiet && !json && (ctx.terminal() || forceProgress));
        long t0 = System.nanoTime();
        AggregationResult result;
        try {
            RasterAggregator.Builder b = RasterAggregator.builder().mask(mask.array())
                    .image(imageArray).maxMemoryBytes(maxMemoryBytes).progress(bar);
            if (threads != null) {
                b.threads(threads);
            }
            result = b.build().aggregateAll(computed, indexLabels);
        } catch (InvalidInputException e) {
            throw new CliException(inputs(mask, img) + ": " + e.getMessage(), e);
        } finally {
            bar.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        StatTable wide = result.wideTable(allChannels);
        boolean[] keepRows = new boolean[wide.rowCount()];
        long[] rowLabels = result.labels();
        for (int r = 0; r < keepRows.length; r++) {
            keepRows[r] = !(excludeBackground && rowLabels[r] == 0);
        }
        StatTable out = select(wide, outputColumns(wide, requested, allChannels, selected), keepRows);

        writeOutputs(out, store, result, allChannels, selected, requested, xStat, mask, img);

        long voxels = 1;
        for (long s : mask.array().shape()) {
            voxels *= s;
        }
        Outcome outcome = new Outcome(out, voxels, seconds, bar.bytesDecoded());
        summarize(outcome, result.warnings());
        return outcome;
    }

    private void checkUsage() {
        if (sdata == null) {
            if (labels == null) {
                throw usage("give the label mask: --labels PATH, or --sdata STORE --labels-name NAME");
            }
            if (labelsName != null || imageName != null) {
                throw usage("--labels-name and --image-name need --sdata STORE");
            }
            if (table != null) {
                throw usage("--table writes into a SpatialData store: give --sdata STORE");
            }
        } else {
            if (labelsName == null && labels == null) {
                throw usage("with --sdata, give --labels-name NAME");
            }
            if (labelsName != null && labels != null) {
                throw usage("give either --labels or --labels-name, not both");
            }
            if (imageName != null && image != null) {
                throw usage("give either --image or --image-name, not both");
            }
            if (table != null && labelsName == null) {
                throw usage("--table annotates a labels element of the store: give --labels-name NAME");
            }
        }
        if (!mode.equals("mean") && !mode.equals("sum")) {
            throw usage("--mode must be mean or sum, not '" + mode + "'");
        }
        if (threads != null && threads < 1) {
            throw usage("--threads must be at least 1: " + threads);
        }
        if (level < 0) {
            throw usage("--level must not be negative: " + level);
        }
        if (json && csv == null && parquet == null && table == null) {
            throw usage("--json prints the summary on stdout: give an output (--csv, --parquet or --table)");
        }
    }

    private EnumSet<Statistic> parseStats() {
        EnumSet<Statistic> requested = EnumSet.noneOf(Statistic.class);
        if (stats == null || stats.isEmpty()) {
            boolean hasImage = image != null || imageName != null;
            return hasImage ? EnumSet.copyOf(Statistic.all()) : EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        }
        for (String s : stats) {
            try {
                requested.add(Statistic.fromName(s));
            } catch (InvalidInputException e) {
                throw usage(e.getMessage());
            }
        }
        return requested;
    }

    private long parseMaxMemory() {
        if (maxMemory == null) {
            return 0;
        }
        try {
            return Sizes.parse(maxMemory);
        } catch (IllegalArgumentException e) {
            throw usage("--max-memory: " + e.getMessage());
        }
    }

    /** The image's channel names: from the metadata, else "0".."c-1". */
    private static List<String> channelNames(ChunkedArray mask, Raster img) {
        int c = img.array().ndim() == mask.ndim() ? 1 : (int) img.array().shape()[0];
        if (img.channelNames() != null && img.channelNames().size() == c
                && new LinkedHashSet<>(img.channelNames()).size() == c) {
            return img.channelNames();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private List<Integer> selectChannels(List<String> all, Raster img) {
        List<Integer> out = new ArrayList<>();
        if (channels == null || channels.isEmpty()) {
            for (int i = 0; i < all.size(); i++) {
                out.add(i);
            }
            return out;
        }
        if (img == null) {
            throw usage("--channels needs an image");
        }
        for (String c : channels) {
            int i = all.indexOf(c);
            if (i < 0 && c.matches("\\d+")) {
                i = Integer.parseInt(c);
                i = i < all.size() ? i : -1;
            }
            if (i < 0) {
                throw new CliException(img.description() + ": no channel '" + c + "'; channels: " + all
                        + " (or an index 0.." + (all.size() - 1) + ")");
            }
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<String> outputColumns(StatTable wide, Set<Statistic> requested, List<String> channelNames,
            List<Integer> selected) {
        List<String> cols = new ArrayList<>(wide.columnNames().subList(0, 2));
        for (Statistic s : IMAGE_STATS) {
            if (requested.contains(s)) {
                for (int c : selected) {
                    cols.add(s.key() + "_" + channelNames.get(c));
                }
            }
        }
        if (requested.contains(Statistic.CENTER)) {
            cols.addAll(List.of("z", "y", "x"));
        }
        return cols;
    }

    /** The named columns of a table and the rows marked in {@code keep}. */
    static StatTable select(StatTable t, List<String> columns, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        List<Column> out = new ArrayList<>();
        for (String name : columns) {
            Column c = t.column(name);
            if (c instanceof LongColumn l) {
                long[] v = new long[n];
                for (int r = 0, i = 0; r < keep.length; r++) {
                    if (keep[r]) {
                        v[i++] = l.values()[r];
                    }
                }
                out.add(new LongColumn(name, v));
            } else {
                DoubleColumn d = (DoubleColumn) c;
                double[] v = new double[n];
                for (int r = 0, i = 0; r < keep.length; r++) {
                    if (keep[r]) {
                        v[i++] = d.values()[r];
                    }
                }
                out.add(new DoubleColumn(name, v, d.valueType()));
            }
        }
        return new StatTable(t.name(), out);
    }

    private void writeOutputs(StatTable out, SpatialData store, AggregationResult result, List<String> channelNames,
            List<Integer> selected, Set<Statistic> requested, Statistic xStat, Raster mask, Raster img) {
        List<AtomicOutput> files = new ArrayList<>();
        try {
            if (csv != null) {
                AtomicOutput f = AtomicOutput.create(csv, "CSV");
                files.add(f);
                try (Writer w = Files.newBufferedWriter(f.temp(), StandardCharsets.UTF_8)) {
                    out.writeCsv(w);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new CliException("cannot write CSV " + csv + ": " + e.getMessage(), e);
                }
            }
            if (parquet != null) {
                AtomicOutput f = AtomicOutput.create(parquet, "Parquet file");
                files.add(f);
                try {
                    ParquetTableWriter.write(out, f.temp());
                } catch (IOException | RuntimeException | LinkageError e) {
                    throw new CliException("cannot write Parquet file " + parquet + ": " + e.getMessage(), e);
                }
            }
            if (table != null) {
                store.writeTable(table, tableData(result, channelNames, selected, requested, xStat, mask, img),
                        overwrite);
            }
            for (AtomicOutput f : files) {
                f.commit();
            }
        } finally {
            for (AtomicOutput f : files) {
                f.close();
            }
        }
        if (csv == null && parquet == null && table == null) {
            Writer w = new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8);
            out.writeCsv(w);
        }
    }

    private TableData tableData(AggregationResult result, List<String> channelNames, List<Integer> selected,
            Set<Statistic> requested, Statistic xStat, Raster mask, Raster img) {
        long[] all = result.labels();
        long[] counts = result.counts();
        int n = 0;
        for (long l : all) {
            n += l != 0 ? 1 : 0;
        }
        int[] rows = new int[n];
        for (int r = 0, i = 0; r < all.length; r++) {
            if (all[r] != 0) {
                rows[i++] = r;
            }
        }
        long[] labelsOut = new long[n];
        long[] size = new long[n];
        double[][] center = new double[n][3];
        double[][] cz = {result.center(0), result.center(1), result.center(2)};
        for (int i = 0; i < n; i++) {
            labelsOut[i] = all[rows[i]];
            size[i] = counts[rows[i]];
            for (int a = 0; a < 3; a++) {
                center[i][a] = cz[a][rows[i]];
            }
        }
        List<String> names = new ArrayList<>();
        double[][] x = new double[n][selected.size()];
        if (img != null) {
            for (int k = 0; k < selected.size(); k++) {
                int c = selected.get(k);
                names.add(channelNames.get(c));
                double[] v = result.values(xStat, c);
                for (int i = 0; i < n; i++) {
                    x[i][k] = v[rows[i]];
                }
            }
        } else {
            x = new double[n][0];
        }
        LinkedHashMap<String, double[]> extra = new LinkedHashMap<>();
        for (Statistic s : IMAGE_STATS) {
            if (s == xStat || !requested.contains(s)) {
                continue;
            }
            for (int c : selected) {
                double[] v = result.values(s, c);
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = v[rows[i]];
                }
                extra.put(s.key() + "_" + channelNames.get(c), col);
            }
        }
        boolean is3d = mask.array().ndim() == 3;
        return new TableData(labelsName, labelsOut, names, x, size, extra, center, is3d, mask.translation());
    }

    private static String inputs(Raster mask, Raster img) {
        return img == null ? "labels " + mask.description()
                : "labels " + mask.description() + " and image " + img.description();
    }

    private void summarize(Outcome o, List<String> warnings) {
        double mbps = o.seconds() > 0 ? o.bytes() / 1e6 / o.seconds() : 0;
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("labels", o.table().rowCount());
            root.put("voxels", o.voxels());
            root.put("seconds", o.seconds());
            root.put("bytes", o.bytes());
            root.put("mb_per_s", mbps);
            ArrayNode cols = root.putArray("columns");
            o.table().columnNames().forEach(cols::add);
            ObjectNode outputs = root.putObject("outputs");
            if (csv != null) {
                outputs.put("csv", csv.toString());
            }
            if (parquet != null) {
                outputs.put("parquet", parquet.toString());
            }
            if (table != null) {
                outputs.put("table", sdata.resolve("tables").resolve(table).toString());
            }
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
            ctx.out().println(root.toString());
            ctx.out().flush();
            return;
        }
        if (quiet) {
            return;
        }
        for (String w : warnings) {
            ctx.err().println("rasteragg: warning: " + w);
        }
        ctx.err().println(String.format(Locale.ROOT, "rasteragg: %d labels, %d voxels, %.2f s, %.1f MB/s%s",
                o.table().rowCount(), o.voxels(), o.seconds(), mbps, destinations()));
        ctx.err().flush();
    }

    private String destinations() {
        List<String> d = new ArrayList<>();
        if (csv != null) {
            d.add(csv.toString());
        }
        if (parquet != null) {
            d.add(parquet.toString());
        }
        if (table != null) {
            d.add(sdata.resolve("tables").resolve(table).toString());
        }
        return d.isEmpty() ? "" : " -> " + String.join(", ", d);
    }
}
