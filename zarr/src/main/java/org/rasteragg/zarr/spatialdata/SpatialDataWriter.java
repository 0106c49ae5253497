package org.rasteragg.zarr.spatialdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.ome.OmeZarrWriter;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.Store;

/**
 * Creates a SpatialData store (root group with {@code spatialdata_attrs.version}, and the
 * images/labels/tables groups) and adds image and labels elements. Thread-safe for adding distinct
 * elements.
 */
public final class SpatialDataWriter {

    /** The SpatialData on-disk format version written to {@code spatialdata_attrs}. */
    public static final String FORMAT_VERSION = "0.1";

    private final Store store;
    private final int zarrFormat;

    private SpatialDataWriter(Store store, int zarrFormat) {
        this.store = store;
        this.zarrFormat = zarrFormat;
    }

    /** Creates a new store at the folder {@code root}; see {@link #create(Store, int, boolean)}. */
    public static SpatialDataWriter create(Path root, int zarrFormat, boolean overwrite) {
        return create(new FileSystemStore(root), zarrFormat, overwrite);
    }

    /**
     * Creates the root group and its element groups.
     *
     * @param zarrFormat 2 (what spatialdata 0.x writes; NGFF 0.4) or 3 (NGFF 0.5)
     * @param overwrite replace whatever is in the store; otherwise an existing Zarr root is an error
     */
    public static SpatialDataWriter create(Store store, int zarrFormat, boolean overwrite) {
        if (Nodes.kind(store, "") != Nodes.Kind.NONE) {
            if (!overwrite) {
                throw new ZarrException(store.description() + ": already holds a Zarr store; pass overwrite to replace it");
            }
            store.delete("");
        }
        ObjectNode attrs = Json.object();
        attrs.putObject("spatialdata_attrs").put("version", FORMAT_VERSION);
        ZarrGroup.create(store, "", zarrFormat, attrs);
        for (String g : new String[] {SpatialDataStore.IMAGES, SpatialDataStore.LABELS, SpatialDataStore.TABLES}) {
            ZarrGroup.create(store, g, zarrFormat, null);
        }
        return new SpatialDataWriter(store, zarrFormat);
    }

    public Store store() {
        return store;
    }

    public int zarrFormat() {
        return zarrFormat;
    }

    /** A builder for image element {@code name} (axes ("c","y","x") or ("c","z","y","x")). */
    public OmeZarrWriter.Builder image(String name) {
        return OmeZarrWriter.builder(store, SpatialDataStore.IMAGES + "/" + name).zarrFormat(zarrFormat).name(name);
    }

    /** A builder for labels element {@code name} (axes ("y","x") or ("z","y","x")). */
    public OmeZarrWriter.Builder labels(String name) {
        return OmeZarrWriter.builder(store, SpatialDataStore.LABELS + "/" + name).zarrFormat(zarrFormat).name(name)
                .labels(true);
    }

    /** A reader over the same store. */
    public SpatialDataStore reader() {
        return SpatialDataStore.open(store);
    }
}
