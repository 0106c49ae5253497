package org.rasteragg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.store.Store;

/**
 * A serializable way to reach a Zarr {@link Store} from any executor. Executors only ever see a
 * store through module zarr's Store interface, so an object store needs nothing here but a
 * locator that opens its Store implementation.
 */
public interface StoreLocator extends Serializable {

    /** Opens the store (called on the driver for metadata and once per task on the executors). */
    Store open();

    /** A short name, for messages. */
    String description();

    /** A store on a file system that every executor mounts at the same path. */
    static StoreLocator fileSystem(Path root) {
        return new FileSystemLocator(root.toAbsolutePath().normalize().toString());
    }

    /** @param root absolute path of the store's root folder (a Path is not serializable) */
    record FileSystemLocator(String root) implements StoreLocator {
        private static final long serialVersionUID = 1L;

        @Override
        public Store open() {
            return Zarr.openStore(Path.of(root));
        }

        @Override
        public String description() {
            return root;
        }
    }
}
