package org.rasteragg.zarr;

/**
 * Metadata or chunk data that does not follow the Zarr, OME-NGFF, SpatialData or codec format
 * (malformed JSON, unknown codec, unsupported dtype, corrupt or truncated chunk). The message
 * names the store, the node, the chunk key where known, what was expected and what was found.
 */
public class ZarrFormatException extends ZarrException {

    public ZarrFormatException(String message) {
        super(message);
    }

    public ZarrFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
