package org.rasteragg.zarr.codec;

import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Round-trip contract of {@code new BloscConfig("lz4hc", 9, BloscConfig.NOSHUFFLE, 0, 4096)}. */
class BloscLz4HcNoShuffleCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new BloscConfig("lz4hc", 9, BloscConfig.NOSHUFFLE, 0, 4096);
    }
}
