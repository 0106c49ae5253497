package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * The serializable configuration of one codec stage, separate from the runtime {@link Codec}.
 * Implementations are immutable records validated at construction.
 */
public interface CodecConfig {

    /** Which stage this codec is. */
    enum Kind { ARRAY_ARRAY, ARRAY_BYTES, BYTES_BYTES }

    /** The Zarr v3 codec name ("blosc", "bytes", "sharding_indexed"). */
    String name();

    Kind kind();

    /** The v3 {@code configuration} object (may be empty). */
    ObjectNode v3Configuration();

    /** The v2 {@code compressor} object ({@code {"id": ...}}); fails for codecs v2 cannot express. */
    default ObjectNode v2Compressor() {
        throw new ZarrFormatException("codec '" + name() + "' has no Zarr v2 compressor form");
    }

    /** The runtime codec for chunks of {@code input}; fails when the codec cannot handle that spec. */
    Codec create(ChunkSpec input);
}
