package org.rasteragg.zarr.codec;

import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Round-trip contract of {@code new BloscConfig("zstd", 3, BloscConfig.BITSHUFFLE, 0, 0)}. */
class BloscZstdBitShuffleCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new BloscConfig("zstd", 3, BloscConfig.BITSHUFFLE, 0, 0);
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
