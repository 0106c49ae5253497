package org.rasteragg.spark;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * A Zarr v2/v3 array in a store that every executor can reach (an s3:// or http(s):// URI, or a
 * path of a file system every executor mounts), reopened on each executor through module zarr's {@link Store} interface. Only the
 * store locator and the array path travel with the tasks.
 *
 * @param store how to reach the store
 * @param arrayPath the array inside the store ("" for a store that is one array)
 */
public record ZarrSource(StoreLocator store, String arrayPath) implements ArraySource {

    private static final long serialVersionUID = 1L;

    /** The array at {@code arrayPath} of the file-system store rooted at {@code storeRoot}. */
    public ZarrSource(Path storeRoot, String arrayPath) {
        this(StoreLocator.fileSystem(storeRoot), arrayPath);
    }

    /** The array, or for a level of an OME-Zarr image its view in canonical axis order (c, z, y, x). */
    @Override
    public ChunkedArray open() {
        Store s = store.open();
        if (!arrayPath.isEmpty() && Nodes.kind(s, "") == Nodes.Kind.GROUP) {
            OmeZarrImage img = OmeZarrImage.open(s, "");
            int level = img.levelPaths().indexOf(arrayPath);
            if (level >= 0) {
                return img.view(level);
            }
        }
        return Zarr.open(s, arrayPath);
    }

    @Override
    public String description() {
        return arrayPath.isEmpty() ? store.description() : store.description() + "/" + arrayPath;
    }

    /**
     * A path given on the command line: a Zarr array, or an OME-Zarr multiscale image (then the
     * dataset of multiscale level {@code level}).
     *
     * @throws InvalidInputException naming the path when it is neither, or has no such level
     */
    public static ZarrSource resolve(Path path, int level) {
        return resolve(path.toString(), level, StoreOptions.DEFAULT);
    }

    /** As {@link #resolve(Path, int)} for a path or URI, opened with {@code options}. */
    public static ZarrSource resolve(String path, int level, StoreOptions options) {
        StoreLocator locator = StoreLocator.of(path, options);
        try {
            Store store = locator.open();
            Nodes.Kind kind = Nodes.kind(store, "");
            if (kind == Nodes.Kind.ARRAY) {
                if (level != 0) {
                    throw new InvalidInputException(path + ": a single Zarr array has only level 0, not level "
                            + level);
                }
                return new ZarrSource(locator, "");
            }
            OmeZarrImage img = OmeZarrImage.open(store, "");
            List<String> levels = img.levelPaths();
            if (level < 0 || level >= levels.size()) {
                throw new InvalidInputException(path + " has " + levels.size() + " multiscale levels; level " + level
                        + " does not exist");
            }
            String dataset = levels.get(level);
            img.level(level);
            return new ZarrSource(locator, dataset);
        } catch (ZarrException | IllegalArgumentException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(m.contains(path) ? m : path + ": " + m);
        }
    }

    /**
     * The channel names of the OME-Zarr image at {@code path} (omero labels, else "0".."c-1"), or null
     * for a plain array or an image without a channel axis.
     */
    public static List<String> channelNames(Path path) {
        try {
            Store store = Zarr.openStore(path);
            if (Nodes.kind(store, "") == Nodes.Kind.ARRAY) {
                return null;
            }
            List<String> names = OmeZarrImage.open(store, "").channelNames();
            return names.isEmpty() ? null : names;
        } catch (ZarrException e) {
            return null;
        }
    }

}
