/**
 * Bytes by key: the {@link org.rasteragg.zarr.store.Store} interface, a file-system store (atomic
 * puts, positional range reads) and an in-memory store. All stores are thread-safe.
 */
package org.rasteragg.zarr.store;
