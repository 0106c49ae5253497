package org.rasteragg.zarr.codec;

import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Round-trip contract of {@code new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 0, 0)}. */
class BloscLz4ShuffleCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 0, 0);
    }
}
