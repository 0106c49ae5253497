package org.rasteragg.zarr.codec;

/**
 * An array-to-array stage (transpose): maps a chunk held as a primitive array (C order over its
 * spec's shape) to another one. Thread-safe.
 */
public non-sealed interface ArrayArrayCodec extends Codec {

    /** The spec after encoding: a pure function of {@link #inputSpec()}. */
    ChunkSpec encodedSpec();

    /** Encodes {@code decoded} (of {@link #inputSpec()}) into a new array of {@link #encodedSpec()}. */
    Object encode(Object decoded);

    /** Decodes {@code encoded} (of {@link #encodedSpec()}) into {@code destination} (of {@link #inputSpec()}). */
    void decode(Object encoded, Object destination);
}
