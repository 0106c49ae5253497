package org.rasteragg.zarr;

/**
 * Root of every exception the zarr module throws for a fault of its input or environment: data
 * or metadata that breaks a format ({@link ZarrFormatException}), a store that cannot be read or
 * written ({@link org.rasteragg.zarr.store.StoreIOException}), a node that does not exist
 * ({@link NoSuchNodeException}), or a request the store's state refuses (a table that exists).
 * Its message is one line naming the store, node and value, fit to show a user as is.
 *
 * <p>The split a front end can rely on: a {@code ZarrException} is a data error; any other
 * exception escaping this module ({@link NullPointerException}, {@link IndexOutOfBoundsException},
 * {@link IllegalStateException}, ...) is a bug, here or in the caller (an
 * {@link IllegalArgumentException} names a caller's bad argument), and is never wrapped into a
 * {@code ZarrException}: decoders turn only their libraries' malformed-input exceptions into
 * {@link ZarrFormatException} (see {@link org.rasteragg.zarr.codec.MalformedInput}).
 *
 * <p>Unchecked, so that codecs and readers can be used inside lambdas and parallel tasks without
 * losing the type.
 */
public class ZarrException extends RuntimeException {

    public ZarrException(String message) {
        super(message);
    }

    public ZarrException(String message, Throwable cause) {
        super(message, cause);
    }
}
