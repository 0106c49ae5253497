package org.rasteragg.zarr.codec;

/** Round-trip contract of {@code new ZlibConfig(1)}. */
class ZlibCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new ZlibConfig(1);
    }
}
