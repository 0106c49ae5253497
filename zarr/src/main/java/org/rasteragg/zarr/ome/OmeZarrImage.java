package org.rasteragg.zarr.ome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.store.Store;

/**
 * An OME-Zarr image or labels group: OME-NGFF 0.4 (attributes at the top of {@code .zattrs}) or
 * 0.5 (under {@code "ome"} in a v3 {@code zarr.json}). Metadata is parsed once at {@link #open};
 * levels are opened lazily. Immutable and thread-safe.
 */
public final class OmeZarrImage {

    /** The coordinate system of transformations that name no output (plain OME-NGFF). */
    public static final String DEFAULT_COORDINATE_SYSTEM = "global";

    private final Store store;
    private final String path;
    private final Multiscales multiscales;
    private final List<String> omeroLabels;

    private OmeZarrImage(Store store, String path, Multiscales multiscales, List<String> omeroLabels) {
        this.store = store;
        this.path = path;
        this.multiscales = multiscales;
        this.omeroLabels = List.copyOf(omeroLabels);
    }

    /** Opens the image group at {@code path}. */
    public static OmeZarrImage open(Store store, String path) {
        if (Nodes.kind(store, path) != Nodes.Kind.GROUP) {
            throw Nodes.missing(store, path, "OME-Zarr image group");
        }
        String where = store.description() + "/" + path;
        ObjectNode attrs = Nodes.attributes(store, path);
        JsonNode ome = attrs.has("ome") ? attrs.get("ome") : attrs;
        JsonNode ms = ome.get("multiscales");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw new ZarrFormatException(where + ": not an OME-Zarr image: no 'multiscales' attribute (found "
                    + iterableNames(attrs) + ")");
        }
        JsonNode m = ms.get(0);
        String version = m.path("version").asText(ome.path("version").asText(""));
        List<Axis> axes = new ArrayList<>();
        JsonNode axesNode = m.get("axes");
        if (axesNode == null || !axesNode.isArray()) {
            throw new ZarrFormatException(where + ": multiscales without 'axes' (NGFF 0.4+ required)");
        }
        for (JsonNode a : axesNode) {
            if (a.isTextual()) {
                axes.add(Axis.of(a.asText()));
            } else {
                axes.add(new Axis(a.path("name").asText(), a.path("type").asText(""), a.path("unit").asText("")));
            }
        }
        java.util.Set<String> axisNames = new java.util.HashSet<>();
        for (Axis a : axes) {
            if (a.name().isEmpty() || !axisNames.add(a.name())) {
                throw new ZarrFormatException(where + ": axes " + axesNode + " must have distinct, non-empty names");
            }
        }
        int ndim = axes.size();
        List<Multiscales.Level> levels = new ArrayList<>();
        JsonNode datasets = m.get("datasets");
        if (datasets == null || !datasets.isArray() || datasets.isEmpty()) {
            throw new ZarrFormatException(where + ": multiscales without 'datasets'");
        }
        for (JsonNode d : datasets) {
            String p = d.path("path").asText(null);
            if (p == null) {
                throw new ZarrFormatException(where + ": dataset without 'path': " + d);
            }
            levels.add(new Multiscales.Level(p, Transforms.parseList(d.get("coordinateTransformations"), ndim,
                    where + " dataset " + p)));
        }
        Map<String, Transform> transforms = new LinkedHashMap<>();
        JsonNode cts = m.get("coordinateTransformations");
        if (cts != null && cts.isArray()) {
            boolean named = false;
            for (JsonNode t : cts) {
                named |= t.path("output").has("name");
            }
            if (named) {
                // SpatialData: one transformation per target coordinate system, named by its output.
                for (JsonNode t : cts) {
                    String cs = t.path("output").path("name").asText(DEFAULT_COORDINATE_SYSTEM);
                    transforms.put(cs, Transforms.parse(t, ndim, where + " transformation to '" + cs + "'"));
                }
            } else {
                transforms.put(DEFAULT_COORDINATE_SYSTEM, Transforms.parseList(cts, ndim, where));
            }
        }
        if (transforms.isEmpty()) {
            transforms.put(DEFAULT_COORDINATE_SYSTEM, Transform.identity(ndim));
        }
        List<String> labels = new ArrayList<>();
        JsonNode channels = ome.path("omero").path("channels");
        if (channels.isArray()) {
            int i = 0;
            for (JsonNode c : channels) {
                labels.add(c.path("label").asText(String.valueOf(i)));
                i++;
            }
        }
        Multiscales parsed = new Multiscales(version, m.path("name").asText(""), axes, levels, transforms);
        return new OmeZarrImage(store, path, parsed, labels);
    }

    private static List<String> iterableNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Store store() {
        return store;
    }

    public String path() {
        return path;
    }

    public Multiscales multiscales() {
        return multiscales;
    }

    public List<String> axisNames() {
        return multiscales.axisNames();
    }

    public int levelCount() {
        return multiscales.levels().size();
    }

    /** The full-resolution array (level 0), in its stored (declared) axis order; see {@link #view}. */
    public ZarrArray array() {
        return level(0);
    }

    /** The array of level {@code index} (0 = full resolution). */
    public ZarrArray level(int index) {
        if (index < 0 || index >= levelCount()) {
            throw new NoSuchNodeException(store.description() + "/" + path + ": no level " + index + "; levels 0.."
                    + (levelCount() - 1) + " exist (paths " + levelPaths() + ")");
        }
        return ZarrArray.open(store, Store.join(path, multiscales.levels().get(index).path()));
    }

    /**
     * The axis order OME-NGFF prescribes (time, then channel or custom axes, then space as z, y, x;
     * ties keep the declared order) as indices into the declared axes. Writers that declare
     * {@code [y, c, x]} or {@code [x, y]} store their arrays in that order; this tells the
     * permutation that brings them to the order every consumer of this module assumes.
     */
    public int[] canonicalAxisOrder() {
        List<Axis> axes = multiscales.axes();
        Integer[] idx = new Integer[axes.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingInt(i -> canonicalRank(axes.get(i))));
        return java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static int canonicalRank(Axis a) {
        if (a.type().equals("time")) {
            return 0;
        }
        if (!a.type().equals("space")) {
            return 1; // channel, custom or untyped
        }
        return switch (a.name()) {
            case "y" -> 3;
            case "x" -> 4;
            default -> 2; // z and other spatial axes precede y, x
        };
    }

    /** Whether the axes are declared in {@link #canonicalAxisOrder()} already. */
    public boolean isCanonicalOrder() {
        int[] order = canonicalAxisOrder();
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Axis names in {@link #canonicalAxisOrder()} ("c", "y", "x" for an image declared [y, c, x]). */
    public List<String> canonicalAxisNames() {
        List<String> names = new ArrayList<>();
        for (int i : canonicalAxisOrder()) {
            names.add(multiscales.axes().get(i).name());
        }
        return names;
    }

    /**
     * Level {@code index} with its axes in {@link #canonicalAxisOrder()}: the array itself when
     * declared so, else a transposing view of it. Use this, not {@link #level(int)}, wherever axes
     * are taken by position (channel first, x last).
     *
     * @throws ZarrFormatException when the array's dimensions differ from the declared axes
     */
    public ChunkedArray view(int index) {
        ZarrArray a = level(index);
        if (a.ndim() != multiscales.axes().size()) {
            throw new ZarrFormatException(store.description() + "/" + a.path() + ": array has " + a.ndim()
                    + " dimensions but the image declares axes " + axisNames());
        }
        return isCanonicalOrder() ? a : new TransposedArray(a, canonicalAxisOrder());
    }

    /** The array of the level whose dataset path is {@code levelPath}. */
    public ZarrArray level(String levelPath) {
        int i = levelPaths().indexOf(levelPath);
        if (i < 0) {
            throw new NoSuchNodeException(store.description() + "/" + path + ": no level with path '" + levelPath
                    + "'; paths: " + levelPaths());
        }
        return level(i);
    }

    public List<String> levelPaths() {
        return multiscales.levels().stream().map(Multiscales.Level::path).toList();
    }

    /**
     * Channel names: the omero channel labels when present, else "0".."c-1" for an image with a
     * channel axis ("c" or type "channel"), else an empty list.
     */
    public List<String> channelNames() {
        int c = channelAxis();
        if (c < 0) {
            return List.of();
        }
        long n = array().shape()[c];
        if (omeroLabels.size() == n) {
            return omeroLabels;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.valueOf(i));
        }
        return names;
    }

    /** Index of the channel axis among the declared axes (the stored array's), or -1. */
    public int channelAxis() {
        List<Axis> axes = multiscales.axes();
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).type().equals("channel") || axes.get(i).name().equals("c")) {
                return i;
            }
        }
        return -1;
    }

    /** Coordinate systems the image has a transformation to. */
    public List<String> coordinateSystems() {
        return List.copyOf(multiscales.transforms().keySet());
    }

    /**
     * The transformation from level-0 array indices to {@code coordinateSystem}: the level-0 dataset
     * transformation followed by the image's transformation to that system (NGFF semantics).
     *
     * @throws NoSuchNodeException naming the available systems when there is none to that system
     */
    public Transform transformation(String coordinateSystem) {
        Transform t = multiscales.transforms().get(coordinateSystem);
        if (t == null) {
            throw new NoSuchNodeException(store.description() + "/" + path + ": no transformation to coordinate system '"
                    + coordinateSystem + "'; available: " + coordinateSystems());
        }
        return multiscales.levels().get(0).transform().then(t);
    }

    @Override
    public String toString() {
        return "OmeZarrImage[" + store.description() + "/" + path + ", axes " + axisNames() + ", levels "
                + levelPaths() + "]";
    }
}
