package org.rasteragg.zarr;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.Store;

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
