package org.rasteragg.zarr.store;

/**
 * A store that cannot list keys (plain HTTP) was asked what a node holds, and neither consolidated
 * metadata nor the node's attributes say. The message says what is missing and how to go on.
 */
public final class ListingUnavailableException extends StoreIOException {

    public ListingUnavailableException(String message) {
        super(message);
    }
}
