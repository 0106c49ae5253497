/**
 * Bytes by key: the {@link org.rasteragg.zarr.store.Store} interface, a file-system store (atomic
 * puts, positional range reads), an in-memory store, and a read-only HTTP(S) store; S3 comes from
 * the zarr-s3 module through {@link org.rasteragg.zarr.store.StoreProvider}.
 * {@link org.rasteragg.zarr.store.Stores#open} opens any of them from a path or URI. All stores are
 * thread-safe.
 */
package org.rasteragg.zarr.store;
