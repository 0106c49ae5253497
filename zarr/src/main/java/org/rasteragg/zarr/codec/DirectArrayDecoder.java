package org.rasteragg.zarr.codec;

/**
 * Optional capability of a bytes-to-bytes codec that can decode straight into the primitive chunk
 * buffer, fusing its own output pass with the bytes codec's conversion (blosc: unshuffle and
 * byte order in one pass, no intermediate byte array). {@link CodecPipeline} uses it only for the
 * chain {@code bytes -> this codec}; the result must equal the two-stage path exactly.
 */
public interface DirectArrayDecoder {

    /**
     * Decodes {@code encoded} into {@code destination} as {@code elements} values stored with the
     * given byte order.
     *
     * @return false when this input is not eligible (the caller then runs the two-stage path);
     *     true when {@code destination} holds the values
     */
    boolean decodeInto(byte[] encoded, Object destination, int elements, int elementSize, boolean littleEndian);
}
