package org.rasteragg.zarr.codec;

/** Round-trip contract of {@code new Crc32cConfig()}. */
class Crc32cCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new Crc32cConfig();
    }
}
