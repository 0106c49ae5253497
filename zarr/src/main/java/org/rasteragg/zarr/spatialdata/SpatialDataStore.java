package org.rasteragg.zarr.spatialdata;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.ome.Transform;
import org.rasteragg.zarr.store.ListingUnavailableException;
import org.rasteragg.zarr.store.PrefixedStore;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * A SpatialData Zarr store: {@code images/NAME} and {@code labels/NAME} (OME-Zarr groups) and
 * {@code tables/NAME} (AnnData). Element lookups that fail name the elements that exist. Immutable
 * and thread-safe; elements are opened on demand.
 */
public final class SpatialDataStore {

    public static final String IMAGES = "images";
    public static final String LABELS = "labels";
    public static final String TABLES = "tables";

    private final Store store;

    private SpatialDataStore(Store store) {
        this.store = store;
    }

    /** Opens the store rooted at the folder {@code root}. */
    public static SpatialDataStore open(Path root) {
        return new SpatialDataStore(Zarr.openStore(root));
    }

    /** Opens the store at {@code location}: a path or a URI ({@code http(s)://}, {@code s3://}); see {@link Zarr#openStore(String, StoreOptions)}. */
    public static SpatialDataStore open(String location, StoreOptions options) {
        return new SpatialDataStore(Zarr.openStore(location, options));
    }

    /** The SpatialData store at key prefix {@code path} of an open store ("" for its root). */
    public static SpatialDataStore open(Store store, String path) {
        return new SpatialDataStore(PrefixedStore.of(store, path));
    }

    /** Wraps an open store. */
    public static SpatialDataStore open(Store store) {
        return new SpatialDataStore(store);
    }

    public Store store() {
        return store;
    }

    /** Names of the image elements, sorted. */
    public List<String> images() {
        return Nodes.childNodes(store, IMAGES);
    }

    /** Names of the labels elements, sorted. */
    public List<String> labels() {
        return Nodes.childNodes(store, LABELS);
    }

    /** Names of the table elements, sorted. */
    public List<String> tables() {
        return Nodes.childNodes(store, TABLES);
    }

    public boolean hasTable(String name) {
        return Nodes.kind(store, TABLES + "/" + name) != Nodes.Kind.NONE;
    }

    /** The image element {@code name}. */
    public OmeZarrImage image(String name) {
        return element(IMAGES, name);
    }

    /** The labels element {@code name}. */
    public OmeZarrImage labels(String name) {
        return element(LABELS, name);
    }

    private OmeZarrImage element(String kind, String name) {
        String path = kind + "/" + name;
        if (Nodes.kind(store, path) != Nodes.Kind.GROUP) {
            String element = store.description() + ": no " + (kind.equals(IMAGES) ? "image" : "labels") + " element '"
                    + name + "'";
            try {
                throw new NoSuchNodeException(element + "; images: " + images() + ", labels: " + labels());
            } catch (ListingUnavailableException e) {
                throw new NoSuchNodeException(element + " (" + e.getMessage() + ")");
            }
        }
        return OmeZarrImage.open(store, path);
    }

    /**
     * The translation of the spatial axes (the last 2 or 3: (y, x) or (z, y, x)) of a labels element
     * in {@code coordinateSystem}, as harpy reads it for obsm["spatial"].
     */
    public double[] labelsTranslation(String name, String coordinateSystem) {
        OmeZarrImage img = labels(name);
        Transform t = img.transformation(coordinateSystem);
        int spatial = (int) img.multiscales().axes().stream().filter(a -> !a.type().equals("channel")
                && !a.type().equals("time")).count();
        return t.lastAxes(spatial).translation();
    }

    @Override
    public String toString() {
        return "SpatialDataStore[" + store.description() + "]";
    }
}
