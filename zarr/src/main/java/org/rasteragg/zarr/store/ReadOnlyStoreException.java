package org.rasteragg.zarr.store;

/** A write to a store that can only be read (HTTP). */
public final class ReadOnlyStoreException extends StoreIOException {

    public ReadOnlyStoreException(String message) {
        super(message);
    }
}
