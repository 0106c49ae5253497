package org.rasteragg.zarr.codec;

/** Round-trip contract of {@code new GzipConfig(5)}. */
class GzipCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new GzipConfig(5);
    }
}
