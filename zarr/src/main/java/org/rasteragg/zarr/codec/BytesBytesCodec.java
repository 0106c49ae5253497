package org.rasteragg.zarr.codec;

import java.util.OptionalLong;

/** A bytes-to-bytes stage (compressors, checksums). Thread-safe. */
public non-sealed interface BytesBytesCodec extends Codec {

    byte[] encode(byte[] decoded);

    /**
     * Decodes {@code encoded}.
     *
     * @param expectedSize the decoded size when the caller knows it (then a different size is an
     *     error and the decoder never produces more), or -1
     */
    byte[] decode(byte[] encoded, int expectedSize);

    /** The encoded size for a given decoded size when it does not depend on the values (crc32c). */
    default OptionalLong fixedEncodedSize(long decodedSize) {
        return OptionalLong.empty();
    }
}
