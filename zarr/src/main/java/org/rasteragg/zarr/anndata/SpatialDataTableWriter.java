package org.rasteragg.zarr.anndata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.Store;

/**
 * Writes per-label statistics as harpy's AnnData table ({@code harpy.tb.allocate_intensity}
 * layout, see shared/SEMANTICS.md) at {@code tables/NAME} of a SpatialData store, from primitive
 * inputs only (no dependency on core's result classes):
 * <ul>
 * <li>obs index "cells": {@code "{label}_{labelsName}_{hash8}"}; columns, in order: {@code cell_ID}
 * (int64 label), {@code fov_labels} (categorical, the labels element name), {@code shapeSize}
 * (int64 voxel count, when given), then the extra columns in the caller's order ("var_CD3", ...).
 * <li>var index "channels": the channel names. X: float64 cells x channels, as given.
 * <li>obsm["spatial"]: the center of mass with the last two axes swapped, (x, y) for 2D and
 * (z, x, y) for 3D data, plus the labels element's translation.
 * <li>uns["spatialdata_attrs"] = {region: [labelsName], region_key: "fov_labels", instance_key:
 * "cell_ID"}.
 * </ul>
 * Rows whose label is the background 0 are dropped. {@code hash8} is the first 8 hex digits of the
 * SHA-256 of {@code labelsName + "\n" + store description} (the store path for files), so reruns on
 * the same store give the same names and two stores' tables do not collide when concatenated.
 * Writing is atomic (see {@link AnnDataWriter#write}), in the store's Zarr format, keeps consolidated
 * metadata current, and first removes the temporaries of earlier runs that died
 * ({@link WriterTemporaries#cleanupStale}). Stateless and thread-safe.
 */
public final class SpatialDataTableWriter {

    public static final String INSTANCE_KEY = "cell_ID";
    public static final String REGION_KEY = "fov_labels";
    public static final String SIZE_KEY = "shapeSize";

    private SpatialDataTableWriter() {
    }

    /**
     * The statistics of one labels element, column by column (the engine's layout): its rows are
     * those of {@code labelData}, {@code sizeData} and {@code extraData} from index {@code first} on
     * (a view that leaves out leading rows, the background's, without a copy).
     *
     * @param labelData one label per row (background 0 is dropped if present)
     * @param labelsName the labels element's name
     * @param channelNames one name per column of {@code x}
     * @param xMatrix X, rows x channels (mean or sum)
     * @param extraData extra numeric obs columns by name ("var_CD3"), each one value per array index (as
     *     {@code labelData}): float64, or int64 and uint64 (the exact min and max of such images); may be
     *     empty
     * @param sizeData voxel count per row, or null to omit the column
     * @param centerMatrix the center of mass per row, columns (z, y, x), in voxel units
     * @param is3d whether the data is 3D (obsm["spatial"] then has 3 columns)
     * @param translation the labels element's translation in the target coordinate system for its
     *     spatial axes in array order ((y, x) or (z, y, x)), or null for none
     * @param first the index of row 0 in the arrays
     */
    public record Input(long[] labelData, String labelsName, List<String> channelNames, Matrix xMatrix,
            Map<String, Column> extraData, long[] sizeData, Matrix centerMatrix, boolean is3d,
            double[] translation, int first) {

        public Input {
            channelNames = List.copyOf(channelNames);
            extraData = new LinkedHashMap<>(extraData);
            int n = labelData.length - first;
            check(first >= 0 && n >= 0, "first row " + first + " of " + labelData.length + " labels");
            check(xMatrix.rows() == n, "x has " + xMatrix.rows() + " rows, labels " + n);
            check(xMatrix.width() == channelNames.size(), "x has " + xMatrix.width() + " columns for "
                    + channelNames.size() + " channels");
            check(centerMatrix.rows() == n, "centerOfMass has " + centerMatrix.rows() + " rows, labels " + n);
            check(centerMatrix.width() == 3, "centerOfMass must be (z, y, x)");
            check(sizeData == null || sizeData.length == labelData.length, "shapeSize length differs from labels "
                    + labelData.length);
            for (Map.Entry<String, Column> e : extraData.entrySet()) {
                check(Column.isNumeric(e.getValue()), "obs column '" + e.getKey() + "' is not numeric");
                check(e.getValue().length() == labelData.length, "obs column '" + e.getKey() + "' has "
                        + e.getValue().length() + " values, labels " + labelData.length);
                check(!e.getKey().equals(INSTANCE_KEY) && !e.getKey().equals(REGION_KEY)
                        && !e.getKey().equals(SIZE_KEY), "obs column name '" + e.getKey() + "' is reserved");
            }
            check(translation == null || translation.length == 2 || translation.length == 3,
                    "translation must have 2 or 3 values");
            check(!labelsName.isEmpty(), "labelsName is empty");
        }

        /** All rows of the arrays. */
        public Input(long[] labels, String labelsName, List<String> channelNames, Matrix xMatrix,
                Map<String, Column> extraObs, long[] shapeSize, Matrix centerMatrix, boolean is3d,
                double[] translation) {
            this(labels, labelsName, channelNames, xMatrix, extraObs, shapeSize, centerMatrix, is3d, translation, 0);
        }

        /** The labels of the rows (a copy when the view leaves out leading rows). */
        public long[] labels() {
            return first == 0 ? labelData : Arrays.copyOfRange(labelData, first, labelData.length);
        }

        /** The voxel counts of the rows, or null (a copy when the view leaves out leading rows). */
        public long[] shapeSize() {
            return first == 0 || sizeData == null ? sizeData : Arrays.copyOfRange(sizeData, first, sizeData.length);
        }

        /** The extra obs columns of the rows (views that leave out the leading rows). */
        public Map<String, Column> extraObs() {
            Map<String, Column> out = new LinkedHashMap<>();
            extraData.forEach((k, v) -> out.put(k, Column.slice(v, first, rows())));
            return out;
        }

        /** The number of rows. */
        public int rows() {
            return labelData.length - first;
        }

        /**
         * From an array per row: {@code x} cells x channels, {@code centerOfMass} per row (z, y, x)
         * (small tables, tests).
         */
        public Input(long[] labels, String labelsName, List<String> channelNames, double[][] x,
                Map<String, Column> extraObs, long[] shapeSize, double[][] centerOfMass, boolean is3d,
                double[] translation) {
            this(labels, labelsName, channelNames, Matrix.ofRows(x, channelNames.size()), extraObs, shapeSize,
                    Matrix.ofRows(centerOfMass, 3), is3d, translation);
        }

        /** X as an array per row (a copy; small tables, tests). */
        public double[][] x() {
            return xMatrix.toRows();
        }

        /** The center of mass as an array (z, y, x) per row (a copy; small tables, tests). */
        public double[][] centerOfMass() {
            return centerMatrix.toRows();
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** The 8 hex digits used in obs names for {@code labelsName} in {@code store}. */
    public static String instanceSuffix(Store store, String labelsName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((labelsName + "\n" + store.description())
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%02x", h[i] & 0xFF));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Builds the table (without writing it). */
    public static AnnDataTable build(Store store, Input in) {
        return build(store, List.of(in));
    }

    /**
     * Builds one table annotating several labels elements (harpy's allocate_intensity over several
     * fields of view): the rows of each input in turn, obs["fov_labels"] the element of each row,
     * uns region the list of the elements. Every input must have the same channels.
     */
    public static AnnDataTable build(Store store, List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no labels element to annotate");
        }
        Input first = inputs.get(0);
        List<String> regions = new ArrayList<>();
        for (Input in : inputs) {
            if (regions.contains(in.labelsName())) {
                throw new IllegalArgumentException("labels element " + in.labelsName() + " is given twice");
            }
            if (!in.channelNames().equals(first.channelNames()) || in.extraData().keySet().size()
                    != first.extraData().size() || !in.extraData().keySet().containsAll(first.extraData().keySet())
                    || (in.sizeData() == null) != (first.sizeData() == null)) {
                throw new IllegalArgumentException("labels " + in.labelsName() + " has other channels or columns than "
                        + first.labelsName() + ": " + in.channelNames() + " vs " + first.channelNames());
            }
            regions.add(in.labelsName());
        }
        int channels = first.channelNames().size();
        // One input without background rows (a view may have left out the leading one) is written
        // from its own arrays; otherwise the rows without background are gathered.
        boolean whole = inputs.size() == 1 && isView(first) && Arrays.stream(first.labelData()).skip(first.first())
                .noneMatch(l -> l == 0);
        int offset = whole ? first.first() : 0;
        int[][] kept = new int[inputs.size()][];
        int total = whole ? first.rows() : 0;
        for (int f = 0; !whole && f < inputs.size(); f++) {
            kept[f] = rowsWithoutBackground(inputs.get(f));
            total += kept[f].length;
        }
        long[] ids = whole ? first.labelData() : longs(inputs, kept, Input::labelData);
        long[] sizes = first.sizeData() == null ? null : whole ? first.sizeData()
                : longs(inputs, kept, Input::sizeData);
        int[] codes = new int[total];
        List<String> suffixes = new ArrayList<>();
        for (int f = 0, at = 0; f < inputs.size(); f++) {
            Input in = inputs.get(f);
            suffixes.add("_" + in.labelsName() + "_" + instanceSuffix(store, in.labelsName()));
            int n = whole ? total : kept[f].length;
            Arrays.fill(codes, at, at + n, f);
            at += n;
        }
        double[][] xColumns = new double[channels][];
        for (int c = 0; c < channels; c++) {
            int ch = c;
            xColumns[c] = whole ? first.xMatrix().columns()[c]
                    : doubles(inputs, kept, in -> byArrayIndex(in, in.xMatrix(), ch, null));
        }
        // (z, y, x) -> (x, y) or (z, x, y), as harpy swaps the last two axes; translation likewise.
        int[] axes = first.is3d() ? new int[] {0, 2, 1} : new int[] {2, 1};
        double[][] spatialColumns = new double[axes.length][];
        double[] addends = new double[axes.length];
        for (int a = 0; a < axes.length; a++) {
            int axis = axes[a];
            spatialColumns[a] = whole ? first.centerMatrix().columns()[axis]
                    : doubles(inputs, kept, in -> byArrayIndex(in, in.centerMatrix(), axis, translation(in)));
            addends[a] = translation(first)[axis];
        }
        for (int from = 0, to; from < total; from = to) {
            to = from + 1;
            while (to < total && codes[to] == codes[from]) {
                to++;
            }
            checkUnique(ids, offset + from, offset + to);
        }
        int n = total;
        Map<String, Column> obsColumns = new LinkedHashMap<>();
        obsColumns.put(INSTANCE_KEY, new Column.Int64(ids, offset, n));
        obsColumns.put(REGION_KEY, new Column.Categorical(regions, codes, false));
        if (sizes != null) {
            obsColumns.put(SIZE_KEY, new Column.Int64(sizes, offset, n));
        }
        for (String k : first.extraData().keySet()) {
            obsColumns.put(k, whole ? Column.slice(first.extraData().get(k), offset, n)
                    : Column.gather(inputs.stream().map(in -> in.extraData().get(k)).toList(), kept));
        }
        DataFrame obs = new DataFrame("cells", new LabelNames(ids, offset, codes, suffixes), obsColumns);
        DataFrame var = new DataFrame("channels", first.channelNames(), Map.of());
        Map<String, Object> sdAttrs = new LinkedHashMap<>();
        sdAttrs.put("region", regions.size() == 1 ? List.of(regions.get(0)) : List.copyOf(regions));
        sdAttrs.put("region_key", REGION_KEY);
        sdAttrs.put("instance_key", INSTANCE_KEY);
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("spatialdata_attrs", sdAttrs);
        return new AnnDataTable(obs, var, new Matrix(total, xColumns, null, offset),
                Map.of("spatial", new Matrix(total, spatialColumns, whole ? addends : null, offset)), uns);
    }

    /** Whether the matrices of {@code in} are plain views of its rows (the same first row, nothing added). */
    private static boolean isView(Input in) {
        return in.xMatrix().first() == in.first() && in.xMatrix().addends() == null
                && in.centerMatrix().first() == in.first() && in.centerMatrix().addends() == null;
    }

    /** The array indices of the rows of {@code in} whose label is not the background. */
    private static int[] rowsWithoutBackground(Input in) {
        long[] labels = in.labelData();
        return java.util.stream.IntStream.range(in.first(), labels.length).filter(i -> labels[i] != 0).toArray();
    }

    /** The kept rows (array indices) of every input's int64 column, one after the other ({@link Column#gather}). */
    private static long[] longs(List<Input> inputs, int[][] kept, java.util.function.Function<Input, long[]> column) {
        List<Column> parts = inputs.stream().<Column>map(in -> new Column.Int64(column.apply(in))).toList();
        return ((Column.Int64) Column.gather(parts, kept)).values();
    }

    /** The kept rows (array indices) of every input's float64 column, one after the other ({@link Column#gather}). */
    private static double[] doubles(List<Input> inputs, int[][] kept,
            java.util.function.Function<Input, double[]> column) {
        List<Column> parts = inputs.stream().<Column>map(in -> new Column.Float64(column.apply(in))).toList();
        return ((Column.Float64) Column.gather(parts, kept)).values();
    }

    /**
     * Column {@code c} of {@code m}, plus {@code translation[c]} when given, indexed as the arrays of
     * {@code in} (row r at {@code in.first() + r}).
     */
    private static double[] byArrayIndex(Input in, Matrix m, int c, double[] translation) {
        double[] out = new double[in.labelData().length];
        for (int r = 0; r < m.rows(); r++) {
            out[in.first() + r] = translation == null ? m.get(r, c) : m.get(r, c) + translation[c];
        }
        return out;
    }

    private static double[] translation(Input in) {
        return in.translation() == null ? new double[3] : padTo3(in.translation());
    }

    /**
     * Refuses a label given twice in {@code ids[from, to)} (one labels element): a scan when labels
     * ascend (the engine's order), else a sorted copy.
     */
    private static void checkUnique(long[] ids, int from, int to) {
        long[] sorted = ids;
        int start = from;
        for (int i = from + 1; i < to; i++) {
            if (ids[i] <= ids[i - 1]) {
                sorted = java.util.Arrays.copyOfRange(ids, from, to);
                java.util.Arrays.sort(sorted);
                start = 0;
                to = sorted.length;
                break;
            }
        }
        for (int i = start + 1; i < to; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("label " + sorted[i] + " appears twice");
            }
        }
    }

    private static double[] padTo3(double[] t) {
        return t.length == 3 ? t.clone() : new double[] {0, t[0], t[1]};
    }

    /**
     * Writes the table at {@code tables/tableName} of the SpatialData store {@code store} (creating
     * the tables group if needed).
     *
     * @param overwrite replace an existing table of that name; otherwise that is an error
     */
    public static void write(Store store, String tableName, Input input, boolean overwrite) {
        write(store, tableName, List.of(input), overwrite);
    }

    /** As {@link #write(Store, String, Input, boolean)}, one table annotating several labels elements. */
    public static void write(Store store, String tableName, List<Input> inputs, boolean overwrite) {
        if (tableName.isEmpty() || tableName.contains("/") || tableName.startsWith(".")) {
            throw new IllegalArgumentException("invalid table name '" + tableName + "'");
        }
        AnnDataTable table = build(store, inputs);
        // The table follows the root's format: readers of a v3 store (zarr-python 3) expect v3 throughout.
        int format = store.exists("zarr.json") ? 3 : 2;
        if (Nodes.kind(store, SpatialDataStore.TABLES) == Nodes.Kind.NONE) {
            ZarrGroup.create(store, SpatialDataStore.TABLES, format, null);
        }
        WriterTemporaries.cleanupStale(store, SpatialDataStore.TABLES);
        AnnDataWriter.write(store, SpatialDataStore.TABLES + "/" + tableName, table, overwrite, format);
    }
}
