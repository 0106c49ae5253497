package org.rasteragg.zarr.store;

import org.rasteragg.zarr.ZarrException;

/** An I/O failure of a store, wrapping the {@link java.io.IOException} and naming store and key. */
public class StoreIOException extends ZarrException {

    public StoreIOException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreIOException(String message) {
        super(message);
    }
}
