package org.rasteragg.job;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.zarr.store.Stores;

/**
 * One stats job, the same for every front end ({@code rasteragg stats}, the Spark job, the Java API):
 * what to read, what to compute and where to write it. Validated when built: a job that exists is
 * consistent (usage errors are thrown as {@link JobException}s of kind USAGE naming the option).
 * Engine settings (threads, Spark partitions) belong to the front end that runs it.
 *
 * @param inputs the fields of view
 * @param level multiscale level of every input
 * @param channels --channels (names or indexes), or null for every channel
 * @param statistics what the wide table reports (--stats)
 * @param index --index: the rows in order, or null for every label present, sorted
 * @param excludeBackground leave label 0 out of the rows
 * @param outputs where the table goes
 * @param maxMemoryBytes the engine's memory bound (0: none)
 * @param quantiles the quantiles of the QUANTILES statistic (--quantiles), in column order; null for
 *     harpy's nine, 0.1 to 0.9
 */
public record StatsJob(Inputs inputs, int level, List<String> channels, Set<Statistic> statistics, long[] index,
        boolean excludeBackground, Outputs outputs, long maxMemoryBytes, List<Quantile> quantiles) {

    public StatsJob {
        channels = channels == null || channels.isEmpty() ? null : List.copyOf(channels);
        statistics = statistics == null || statistics.isEmpty() ? defaultStatistics(inputs.hasImage())
                : Collections.unmodifiableSet(EnumSet.copyOf(statistics));
        quantiles = quantiles == null ? Quantile.defaults() : List.copyOf(quantiles);
        index = index == null ? null : index.clone();
        if (level < 0) {
            throw JobException.usage("--level must not be negative: " + level);
        }
        if (maxMemoryBytes < 0) {
            throw JobException.usage("--max-memory must not be negative: " + maxMemoryBytes);
        }
        if (channels != null && !inputs.hasImage()) {
            throw JobException.usage("--channels needs an image: give --image or --image-name");
        }
        List<String> needImage = statistics.stream().filter(Statistic::needsImage).map(Statistic::key).toList();
        if (!inputs.hasImage() && !needImage.isEmpty()) {
            throw JobException.usage("statistics " + String.join(",", needImage) + " need an image: give --image or "
                    + "--image-name (or --stats count,center)");
        }
        if (outputs.table() != null && inputs.sdata() == null) {
            throw JobException.usage("--table writes into a SpatialData store: give --sdata STORE");
        }
        if (outputs.table() != null && inputs.sdata().regionMatches(true, 0, "http", 0, 4)
                && Stores.isUri(inputs.sdata())) {
            throw JobException.usage("--table writes into the store, and HTTP stores are read-only: " + inputs.sdata()
                    + " (give a path or an s3:// store)");
        }
        if (outputs.table() != null && inputs.labelsName() == null && inputs.pairsFile() == null) {
            throw JobException.usage("--table annotates a labels element of the store: give --labels-name NAME");
        }
    }

    /** A job with harpy's default quantiles (the statistics of --quantiles are not requested). */
    public StatsJob(Inputs inputs, int level, List<String> channels, Set<Statistic> statistics, long[] index,
            boolean excludeBackground, Outputs outputs, long maxMemoryBytes) {
        this(inputs, level, channels, statistics, index, excludeBackground, outputs, maxMemoryBytes, null);
    }

    /**
     * harpy's statistics plus min, max and center with an image ({@link Statistic#all()}; those
     * beyond harpy only on request); count and center without.
     */
    public static Set<Statistic> defaultStatistics(boolean withImage) {
        return withImage ? Collections.unmodifiableSet(Statistic.all())
                : Collections.unmodifiableSet(EnumSet.of(Statistic.COUNT, Statistic.CENTER));
    }

    /** --stats names (case-insensitive, also area and center_of_mass) as statistics; all is every one. */
    public static Set<Statistic> parseStatistics(List<String> names) {
        return parseStatistics(names, true);
    }

    /**
     * --stats names as statistics; "all" is every statistic, or without an image every one the
     * mask alone answers (count, center, bbox, axes).
     */
    public static Set<Statistic> parseStatistics(List<String> names, boolean withImage) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        Set<Statistic> out = EnumSet.noneOf(Statistic.class);
        for (String n : names) {
            if (n.trim().equalsIgnoreCase("all")) {
                out.addAll(Statistic.answerable(Statistic.every(), withImage));
                continue;
            }
            try {
                out.add(Statistic.fromAnyName(n));
            } catch (RuntimeException e) {
                throw JobException.usage("--stats " + n + ": " + JobException.oneLine(e) + ", or all");
            }
        }
        return out;
    }

    /**
     * --quantiles as written (comma-separated probabilities in [0, 1]); null for harpy's default.
     *
     * @throws JobException (usage) naming the option and the value
     */
    public static List<Quantile> parseQuantiles(List<String> texts) {
        if (texts == null) {
            return null;
        }
        try {
            return Quantile.parse(texts);
        } catch (InvalidInputException e) {
            throw JobException.usage("--quantiles " + String.join(",", texts) + ": " + JobException.oneLine(e));
        }
    }

    /** What the engine computes: the reported statistics, the count, and what the AnnData table needs. */
    public Set<Statistic> computedStatistics() {
        Set<Statistic> s = EnumSet.copyOf(statistics);
        s.add(Statistic.COUNT);
        if (outputs.table() != null) {
            s.add(Statistic.CENTER);
            if (inputs.hasImage()) {
                s.add(outputs.tableX());
            }
        }
        return s;
    }

    /**
     * The rows of the job's index without the background when it is excluded (an index keeps its
     * order); null without an index.
     */
    public long[] rowIndex() {
        if (index == null || !excludeBackground) {
            return index == null ? null : index.clone();
        }
        return java.util.Arrays.stream(index).filter(l -> l != 0).toArray();
    }

    @Override
    public String toString() {
        return "StatsJob[" + inputs + ", level " + level + ", statistics "
                + statistics.stream().map(Statistic::key).collect(Collectors.joining(",")) + ", " + outputs + "]";
    }

    /**
     * What to read: a label mask and an image as Zarr locations, or elements of a SpatialData store by
     * name (names may hold wildcards, see {@link Pairing}), or a pairs file of element names. A
     * location is a path or a URI ({@code s3://bucket/x.zarr}, {@code https://host/x.ome.zarr}).
     *
     * @param labels --labels (path or URI), or null
     * @param image --image (path or URI), or null
     * @param sdata --sdata (path or URI), or null
     * @param labelsName --labels-name, or null
     * @param imageName --image-name, or null
     * @param pairsFile --pairs, or null
     */
    public record Inputs(String labels, String image, String sdata, String labelsName, String imageName, Path pairsFile) {

        public Inputs {
            if (sdata == null) {
                if (labels == null) {
                    throw JobException.usage("give the label mask: --labels PATH, or --sdata STORE --labels-name NAME");
                }
                if (labelsName != null || imageName != null || pairsFile != null) {
                    throw JobException.usage("--labels-name, --image-name and --pairs need --sdata STORE");
                }
            } else {
                if (labelsName == null && labels == null && pairsFile == null) {
                    throw JobException.usage("with --sdata, give --labels-name NAME (or --pairs FILE)");
                }
                if (labelsName != null && labels != null) {
                    throw JobException.usage("give either --labels or --labels-name, not both");
                }
                if (imageName != null && image != null) {
                    throw JobException.usage("give either --image or --image-name, not both");
                }
                if (pairsFile != null && (labelsName != null || imageName != null || labels != null
                        || image != null)) {
                    throw JobException.usage("--pairs names every labels and image element: leave out --labels, "
                            + "--image, --labels-name and --image-name");
                }
            }
        }

        /** Whether any input is read over the network (an http(s):// or s3:// location, not file:). */
        public boolean remote() {
            for (String l : new String[] {labels, image, sdata}) {
                if (l != null && Stores.isUri(l) && !l.regionMatches(true, 0, "file:", 0, 5)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the job has an image (for a pairs file: whether its lines name one). */
        public boolean hasImage() {
            return image != null || imageName != null
                    || pairsFile != null && Pairing.readPairsFile(pairsFile).get(0).hasImage();
        }

        /**
         * The fields of view of the job.
         *
         * @param storeLabels the labels elements of the store (for wildcards; ignored without --sdata)
         * @param storeImages the image elements of the store
         */
        public List<FovPair> pairs(List<String> storeLabels, List<String> storeImages) {
            if (pairsFile != null) {
                return Pairing.readPairsFile(pairsFile);
            }
            if (labelsName != null) {
                if (image != null) {
                    return List.of(new FovPair(labelsName, null, null, image));
                }
                return Pairing.match(labelsName, imageName, storeLabels, storeImages);
            }
            if (imageName != null) {
                return List.of(new FovPair(null, imageName, labels, null));
            }
            return List.of(FovPair.ofPaths(labels, image));
        }
    }

    /**
     * Where the wide table goes: CSV, Parquet, an AnnData table in the store; none of them, or
     * {@code --csv -}: CSV on standard output.
     *
     * @param csv --csv (path or s3:// URI, or {@link #STANDARD_OUTPUT}), or null
     * @param parquet --parquet (path or s3:// URI), or null
     * @param table --table NAME, or null
     * @param tableX what X of the AnnData table holds (--mode): MEAN or SUM
     * @param overwrite replace an existing AnnData table
     */
    public record Outputs(String csv, String parquet, String table, Statistic tableX, boolean overwrite) {

        /** The --csv value that sends the CSV to standard output, as in most Unix tools. */
        public static final String STANDARD_OUTPUT = "-";

        public Outputs {
            if (STANDARD_OUTPUT.equals(parquet)) {
                throw JobException.usage("--parquet -: Parquet is a binary file and does not go to standard output; "
                        + "give a file (--csv - writes CSV there)");
            }
            if (tableX != Statistic.MEAN && tableX != Statistic.SUM) {
                throw JobException.usage("--mode must be mean or sum, not " + tableX);
            }
            if (csv != null && parquet != null && !STANDARD_OUTPUT.equals(csv) && sameLocation(csv, parquet)) {
                throw JobException.usage("--csv and --parquet name the same file " + csv + ": give two files");
            }
            if (table != null && (table.isEmpty() || table.contains("/") || table.startsWith("."))) {
                throw JobException.usage("--table " + table + ": not a table name (no '/', not starting with '.')");
            }
        }

        private static boolean sameLocation(String a, String b) {
            if (Stores.isUri(a) || Stores.isUri(b)) {
                return a.equals(b);
            }
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        }

        /** --mode mean|sum as the statistic X holds. */
        public static Statistic parseMode(String mode) {
            return switch (mode == null ? "mean" : mode) {
                case "mean" -> Statistic.MEAN;
                case "sum" -> Statistic.SUM;
                default -> throw JobException.usage("--mode must be mean or sum, not '" + mode + "'");
            };
        }

        /** Whether the table goes to standard output as CSV: {@code --csv -}, or no output named. */
        public boolean toStdout() {
            return csv == null && parquet == null && table == null || STANDARD_OUTPUT.equals(csv);
        }

        /** The CSV's file or URI; null when there is none or the CSV goes to standard output. */
        public String csvFile() {
            return STANDARD_OUTPUT.equals(csv) ? null : csv;
        }
    }
}
