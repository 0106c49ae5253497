package org.rasteragg.zarr.codec;

import org.rasteragg.zarr.ZarrFormatException;

/**
 * Common plumbing of bytes-to-bytes codecs: holds config and spec, and turns a decoding library's
 * malformed-input exception into a {@link ZarrFormatException} naming the codec (so a corrupt
 * chunk never surfaces as a bare library exception), while any other exception, a bug, passes
 * through unchanged (see {@link MalformedInput}).
 */
abstract class AbstractBytesCodec implements BytesBytesCodec {

    private final CodecConfig config;
    private final ChunkSpec spec;

    AbstractBytesCodec(CodecConfig config, ChunkSpec spec) {
        this.config = config;
        this.spec = spec;
    }

    @Override
    public final CodecConfig config() {
        return config;
    }

    @Override
    public final ChunkSpec inputSpec() {
        return spec;
    }

    @Override
    public final byte[] decode(byte[] encoded, int expectedSize) {
        byte[] out;
        try {
            out = decodeUnchecked(encoded, expectedSize);
        } catch (ZarrFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MalformedInput.orRethrow(e, config.name(), encoded.length);
        }
        if (expectedSize >= 0 && out.length != expectedSize) {
            throw new ZarrFormatException(config.name() + ": decompressed to " + out.length + " bytes, expected "
                    + expectedSize);
        }
        return out;
    }

    /** Decodes; may throw library exceptions, which {@link #decode} wraps. */
    abstract byte[] decodeUnchecked(byte[] encoded, int expectedSize);
}
