package org.rasteragg.zarr.codec;

import java.util.OptionalLong;

/**
 * The array-to-bytes stage (bytes, sharding_indexed): serializes a chunk held as a primitive array
 * (C order over {@link #inputSpec()}'s shape). Exactly one per pipeline. Thread-safe.
 */
public non-sealed interface ArrayBytesCodec extends Codec {

    byte[] encode(Object chunk);

    /** Decodes {@code encoded} into {@code destination}, which holds at least the chunk's elements. */
    void decode(byte[] encoded, Object destination);

    /** The encoded size when it does not depend on the values (bytes codec), else empty. */
    default OptionalLong fixedEncodedSize() {
        return OptionalLong.empty();
    }
}
