package org.rasteragg.zarr.codec;

/** Round-trip contract of {@code new ZstdConfig(3, true)}. */
class ZstdCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new ZstdConfig(3, true);
    }
}
