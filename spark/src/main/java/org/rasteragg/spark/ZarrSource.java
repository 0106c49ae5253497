package org.rasteragg.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.store.Store;

/**
 * A Zarr v2/v3 array in a store that every executor can read (a local or shared file system
 * path), reopened on each executor through module zarr's {@link Store} interface. Only the store
 * root and the array path travel with the tasks.
 *
 * @param storeRoot the store's root folder, as an absolute path string (a Path is not serializable)
 * @param arrayPath the array inside the store ("" for a store that is one array)
 */
public record ZarrSource(String storeRoot, String arrayPath) implements ArraySource {

    private static final long serialVersionUID = 1L;

    public ZarrSource(Path storeRoot, String arrayPath) {
        this(storeRoot.toAbsolutePath().normalize().toString(), arrayPath);
    }

    @Override
    public ChunkedArray open() {
        return Zarr.open(Path.of(storeRoot), arrayPath);
    }

    /** The store, for metadata. */
    Store store() {
        return Zarr.openStore(Path.of(storeRoot));
    }

    @Override
    public String description() {
        return arrayPath.isEmpty() ? storeRoot : storeRoot + "/" + arrayPath;
    }

    /**
     * A path given on the command line: a Zarr array, or an OME-Zarr multiscale image (then the
     * dataset of multiscale level {@code level}).
     *
     * @throws InvalidInputException naming the path when it is neither, or has no such level
     */
    public static ZarrSource resolve(Path path, int level) {
        try {
            Store store = Zarr.openStore(path);
            Nodes.Kind kind = Nodes.kind(store, "");
            if (kind == Nodes.Kind.ARRAY) {
                if (level != 0) {
                    throw new InvalidInputException(path + ": a single Zarr array has only level 0, not level "
                            + level);
                }
                return new ZarrSource(path, "");
            }
            JsonNode attrs = Nodes.attributes(store, "");
            JsonNode ms = multiscales(attrs);
            if (ms == null) {
                throw new InvalidInputException(path + " is neither a Zarr array nor an OME-Zarr multiscale image "
                        + "(no multiscales metadata)");
            }
            JsonNode datasets = ms.path(0).path("datasets");
            if (level < 0 || level >= datasets.size()) {
                throw new InvalidInputException(path + " has " + datasets.size() + " multiscale levels; level " + level
                        + " does not exist");
            }
            String dataset = datasets.get(level).path("path").asText();
            ZarrArray.open(store, dataset);
            return new ZarrSource(path, dataset);
        } catch (ZarrException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(m.contains(path.toString()) ? m : path + ": " + m);
        }
    }

    /** The OME-NGFF omero channel labels of the image at {@code path}, or null when there are none. */
    public static List<String> channelNames(Path path) {
        try {
            Store store = Zarr.openStore(path);
            if (Nodes.kind(store, "") == Nodes.Kind.ARRAY) {
                return null;
            }
            JsonNode attrs = Nodes.attributes(store, "");
            JsonNode omero = attrs.has("ome") ? attrs.path("ome").path("omero") : attrs.path("omero");
            JsonNode channels = omero.path("channels");
            if (!channels.isArray() || channels.isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode c : channels) {
                if (!c.hasNonNull("label")) {
                    return null;
                }
                names.add(c.get("label").asText());
            }
            return names;
        } catch (ZarrException e) {
            return null;
        }
    }

    private static JsonNode multiscales(JsonNode attrs) {
        if (attrs == null) {
            return null;
        }
        JsonNode ms = attrs.path("ome").path("multiscales");
        if (!ms.isArray()) {
            ms = attrs.path("multiscales");
        }
        return ms.isArray() && !ms.isEmpty() ? ms : null;
    }
}
