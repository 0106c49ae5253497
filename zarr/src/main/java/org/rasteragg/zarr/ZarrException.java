package org.rasteragg.zarr;

/**
 * Root of every exception the zarr module throws. Unchecked, so that codecs and readers can be
 * used inside lambdas and parallel tasks without losing the type.
 */
public class ZarrException extends RuntimeException {

    public ZarrException(String message) {
        super(message);
    }

    public ZarrException(String message, Throwable cause) {
        super(message, cause);
    }
}
