package org.rasteragg.zarr.codec;

import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Round-trip contract of {@code new BloscConfig("lz4", 0, BloscConfig.SHUFFLE, 0, 0)}. */
class BloscLevelZeroCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new BloscConfig("lz4", 0, BloscConfig.SHUFFLE, 0, 0);
    }
}
