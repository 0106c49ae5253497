package org.rasteragg.zarr.codec;

/**
 * A runtime codec built by {@link CodecConfig#create} for one input {@link ChunkSpec}. Runtime
 * codecs are immutable and thread-safe: one instance serves all chunks of an array, concurrently.
 * Decoders throw {@link org.rasteragg.zarr.ZarrFormatException} on corrupt input, never an
 * unchecked index error, and never read or write outside the buffers they are given.
 */
public sealed interface Codec permits ArrayArrayCodec, ArrayBytesCodec, BytesBytesCodec {

    /** The configuration this codec was built from. */
    CodecConfig config();

    /** The spec of the chunk entering this codec when encoding. */
    ChunkSpec inputSpec();
}
