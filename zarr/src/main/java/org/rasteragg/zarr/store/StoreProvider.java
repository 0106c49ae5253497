package org.rasteragg.zarr.store;

import java.net.URI;
import java.util.Set;

/**
 * Opens stores for URI schemes the zarr module does not know itself (s3 lives in the zarr-s3
 * module). Implementations are found with {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/org.rasteragg.zarr.store.StoreProvider}, and must have a public no-argument
 * constructor.
 */
public interface StoreProvider {

    /** Lower-case URI schemes this provider opens ("s3"). */
    Set<String> schemes();

    /** The store rooted at {@code location}; keys are relative to it. */
    Store open(URI location, StoreOptions options);
}
