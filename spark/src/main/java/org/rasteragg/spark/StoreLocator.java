package org.rasteragg.spark;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

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

    /**
     * The store at {@code location}: a path (then {@link #fileSystem}, which every executor must
     * mount at the same path) or a URI ({@code s3://}, {@code http(s)://}) that every executor opens
     * itself with the same endpoint and anonymity; S3 credentials come from each executor's own
     * default chain (environment, instance or container role, or the {@code spark.executorEnv.AWS_*}
     * settings of the job).
     */
    static StoreLocator of(String location, StoreOptions options) {
        if (!Stores.isUri(location)) {
            return fileSystem(Path.of(location));
        }
        return new UriLocator(location, options.anonymous(),
                options.endpoint() == null ? null : options.endpoint().toString(), options.region());
    }

    /**
     * A store at a URI, reopened on each executor (one shared S3 client per executor JVM). Only the
     * connection settings travel; retries and timeouts are the defaults.
     */
    record UriLocator(String location, boolean anonymous, String endpoint, String region) implements StoreLocator {
        private static final long serialVersionUID = 1L;

        StoreOptions options() {
            StoreOptions o = StoreOptions.DEFAULT.withAnonymous(anonymous).withRegion(region);
            return endpoint == null ? o : o.withEndpoint(URI.create(endpoint));
        }

        @Override
        public Store open() {
            return Zarr.openStore(location, options());
        }

        @Override
        public String description() {
            return location;
        }
    }

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
