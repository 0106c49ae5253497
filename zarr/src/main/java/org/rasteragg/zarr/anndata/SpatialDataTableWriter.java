package org.rasteragg.zarr.anndata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * The statistics of one labels element.
     *
     * @param labels one label per row (background 0 is dropped if present)
     * @param labelsName the labels element's name
     * @param channelNames one name per column of {@code x}
     * @param x cells x channels (mean or sum)
     * @param extraObs extra numeric obs columns by name ("var_CD3"), each one value per row: float64,
     *     or int64 and uint64 (the exact min and max of such images); may be empty
     * @param shapeSize voxel count per row, or null to omit the column
     * @param centerOfMass per row (z, y, x), in voxel units
     * @param is3d whether the data is 3D (obsm["spatial"] then has 3 columns)
     * @param translation the labels element's translation in the target coordinate system for its
     *     spatial axes in array order ((y, x) or (z, y, x)), or null for none
     */
    public record Input(long[] labels, String labelsName, List<String> channelNames, double[][] x,
            Map<String, Column> extraObs, long[] shapeSize, double[][] centerOfMass, boolean is3d,
            double[] translation) {

        public Input {
            channelNames = List.copyOf(channelNames);
            extraObs = new LinkedHashMap<>(extraObs);
            int n = labels.length;
            check(x.length == n, "x has " + x.length + " rows, labels " + n);
            check(centerOfMass.length == n, "centerOfMass has " + centerOfMass.length + " rows, labels " + n);
            check(shapeSize == null || shapeSize.length == n, "shapeSize length differs from labels " + n);
            for (int i = 0; i < n; i++) {
                check(x[i].length == channelNames.size(), "x row " + i + " has " + x[i].length
                        + " values for " + channelNames.size() + " channels");
                check(centerOfMass[i].length == 3, "centerOfMass row " + i + " must be (z, y, x)");
            }
            for (Map.Entry<String, Column> e : extraObs.entrySet()) {
                check(e.getValue() instanceof Column.Float64 || e.getValue() instanceof Column.Int64
                        || e.getValue() instanceof Column.UInt64, "obs column '" + e.getKey() + "' is not numeric");
                check(e.getValue().length() == n, "obs column '" + e.getKey() + "' has " + e.getValue().length()
                        + " values, labels " + n);
                check(!e.getKey().equals(INSTANCE_KEY) && !e.getKey().equals(REGION_KEY)
                        && !e.getKey().equals(SIZE_KEY), "obs column name '" + e.getKey() + "' is reserved");
            }
            check(translation == null || translation.length == 2 || translation.length == 3,
                    "translation must have 2 or 3 values");
            check(!labelsName.isEmpty(), "labelsName is empty");
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
            if (!in.channelNames().equals(first.channelNames()) || in.extraObs().keySet().size()
                    != first.extraObs().size() || !in.extraObs().keySet().containsAll(first.extraObs().keySet())
                    || (in.shapeSize() == null) != (first.shapeSize() == null)) {
                throw new IllegalArgumentException("labels " + in.labelsName() + " has other channels or columns than "
                        + first.labelsName() + ": " + in.channelNames() + " vs " + first.channelNames());
            }
            regions.add(in.labelsName());
        }
        int channels = first.channelNames().size();
        List<String> index = new ArrayList<>();
        List<long[]> idParts = new ArrayList<>();
        List<long[]> sizeParts = new ArrayList<>();
        List<double[]> xParts = new ArrayList<>();
        List<double[][]> spatialParts = new ArrayList<>();
        List<Map<String, Column>> extraParts = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            Input in = inputs.get(f);
            List<Integer> rows = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < in.labels().length; i++) {
                long label = in.labels()[i];
                if (label == 0) {
                    continue;
                }
                if (!seen.add(label)) {
                    throw new IllegalArgumentException("label " + label + " appears twice");
                }
                rows.add(i);
            }
            int n = rows.size();
            String suffix = "_" + in.labelsName() + "_" + instanceSuffix(store, in.labelsName());
            long[] ids = new long[n];
            long[] sizes = in.shapeSize() == null ? null : new long[n];
            double[] x = new double[n * channels];
            double[][] spatial = new double[n][];
            double[] t = in.translation() == null ? new double[3] : padTo3(in.translation());
            for (int r = 0; r < n; r++) {
                int i = rows.get(r);
                ids[r] = in.labels()[i];
                index.add(ids[r] + suffix);
                codes.add(f);
                if (sizes != null) {
                    sizes[r] = in.shapeSize()[i];
                }
                System.arraycopy(in.x()[i], 0, x, r * channels, channels);
                double[] com = in.centerOfMass()[i];
                // (z, y, x) -> (x, y) or (z, x, y), as harpy swaps the last two axes; translation likewise.
                spatial[r] = in.is3d() ? new double[] {com[0] + t[0], com[2] + t[2], com[1] + t[1]}
                        : new double[] {com[2] + t[2], com[1] + t[1]};
            }
            idParts.add(ids);
            sizeParts.add(sizes);
            xParts.add(x);
            spatialParts.add(spatial);
            int[] kept = rows.stream().mapToInt(Integer::intValue).toArray();
            Map<String, Column> extra = new LinkedHashMap<>();
            first.extraObs().keySet().forEach(k -> extra.put(k, Column.select(in.extraObs().get(k), kept)));
            extraParts.add(extra);
        }
        int total = index.size();
        long[] ids = new long[total];
        long[] sizes = first.shapeSize() == null ? null : new long[total];
        double[] x = new double[total * channels];
        double[][] spatial = new double[total][];
        int at = 0;
        for (int f = 0; f < inputs.size(); f++) {
            int n = idParts.get(f).length;
            System.arraycopy(idParts.get(f), 0, ids, at, n);
            if (sizes != null) {
                System.arraycopy(sizeParts.get(f), 0, sizes, at, n);
            }
            System.arraycopy(xParts.get(f), 0, x, at * channels, n * channels);
            System.arraycopy(spatialParts.get(f), 0, spatial, at, n);
            at += n;
        }
        Map<String, Column> obsColumns = new LinkedHashMap<>();
        obsColumns.put(INSTANCE_KEY, new Column.Int64(ids));
        obsColumns.put(REGION_KEY, new Column.Categorical(regions, codes.stream().mapToInt(Integer::intValue).toArray(),
                false));
        if (sizes != null) {
            obsColumns.put(SIZE_KEY, new Column.Int64(sizes));
        }
        for (String k : first.extraObs().keySet()) {
            obsColumns.put(k, Column.concat(extraParts.stream().map(part -> part.get(k)).toList()));
        }
        DataFrame obs = new DataFrame("cells", index, obsColumns);
        DataFrame var = new DataFrame("channels", first.channelNames(), Map.of());
        Map<String, Object> sdAttrs = new LinkedHashMap<>();
        sdAttrs.put("region", regions.size() == 1 ? List.of(regions.get(0)) : List.copyOf(regions));
        sdAttrs.put("region_key", REGION_KEY);
        sdAttrs.put("instance_key", INSTANCE_KEY);
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("spatialdata_attrs", sdAttrs);
        return new AnnDataTable(obs, var, x, Map.of("spatial", spatial), uns);
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
