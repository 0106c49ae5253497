package org.rasteragg.zarr.s3;

import java.net.URI;
import java.util.Set;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.StoreProvider;

/** Opens {@code s3://bucket/prefix} locations for {@link org.rasteragg.zarr.store.Stores#open}. */
public final class S3StoreProvider implements StoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Store open(URI location, StoreOptions options) {
        return S3Store.open(location, options);
    }
}
