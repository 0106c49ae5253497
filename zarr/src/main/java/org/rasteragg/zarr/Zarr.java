package org.rasteragg.zarr;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/** Entry points: open stores, arrays and groups. Stateless and thread-safe. */
public final class Zarr {

    private Zarr() {
    }

    /**
     * Opens the Zarr store rooted at the folder {@code root}.
     *
     * @throws NoSuchNodeException when the folder does not exist or holds no Zarr metadata at all
     */
    public static Store openStore(Path root) {
        if (!Files.isDirectory(root)) {
            throw new NoSuchNodeException(root + " is not a Zarr store: "
                    + (Files.exists(root) ? "it is a file, not a folder" : "it does not exist"));
        }
        FileSystemStore store = new FileSystemStore(root);
        boolean any = Nodes.kind(store, "") != Nodes.Kind.NONE || !Nodes.childNodes(store, "").isEmpty()
                || store.exists(".zmetadata");
        if (!any) {
            throw new NoSuchNodeException(root + " is not a Zarr store: no zarr.json, .zgroup, .zarray or "
                    + ".zmetadata at its root or in its sub-folders");
        }
        return store;
    }

    /**
     * Opens the Zarr store at {@code location}: a path (as {@link #openStore(Path)}) or a URI
     * ({@code file:}, {@code http(s)://}, {@code s3://} with the zarr-s3 module); see {@link Stores}.
     *
     * @throws NoSuchNodeException when the location holds no Zarr metadata at its root
     */
    public static Store openStore(String location, StoreOptions options) {
        if (!Stores.isUri(location)) {
            return openStore(Path.of(location));
        }
        return checkedRemote(Stores.open(location, options));
    }

    /** Opens the Zarr store at the URI {@code location}; see {@link #openStore(String, StoreOptions)}. */
    public static Store openStore(URI location, StoreOptions options) {
        if ("file".equalsIgnoreCase(location.getScheme())) {
            return openStore(Path.of(location));
        }
        return checkedRemote(Stores.open(location, options));
    }

    private static Store checkedRemote(Store store) {
        // Root metadata only: an HTTP store cannot list sub-folders, and one request is enough to say no.
        if (Nodes.kind(store, "") == Nodes.Kind.NONE && !store.exists(".zmetadata")) {
            throw new NoSuchNodeException(store.description() + " is not a Zarr store: no zarr.json, .zgroup, .zarray "
                    + "or .zmetadata at its root");
        }
        return store;
    }

    /** Opens the array at {@code arrayPath} of the store at {@code location} (a path or a URI). */
    public static ZarrArray open(String location, String arrayPath, StoreOptions options) {
        return ZarrArray.open(openStore(location, options), arrayPath);
    }

    /** Opens the array at {@code arrayPath} ("" for a store that is one array) of the store at {@code root}. */
    public static ZarrArray open(Path root, String arrayPath) {
        return ZarrArray.open(openStore(root), arrayPath);
    }

    /** Opens the array at {@code arrayPath} of {@code store}. */
    public static ZarrArray open(Store store, String arrayPath) {
        return ZarrArray.open(store, arrayPath);
    }

    /** Opens the group at {@code groupPath} of {@code store}. */
    public static ZarrGroup openGroup(Store store, String groupPath) {
        return ZarrGroup.open(store, groupPath);
    }
}
