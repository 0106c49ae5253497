package org.rasteragg.zarr.codec;

/** Round-trip contract of {@code new Lz4Config(1)}. */
class Lz4CodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new Lz4Config(1);
    }
}
