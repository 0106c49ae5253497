package org.rasteragg.zarr.codec;

import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Round-trip contract of {@code new BloscConfig("zlib", 1, BloscConfig.SHUFFLE, 0, 1000)}. */
class BloscZlibBlocksCodecTest extends CodecContractTest {

    @Override
    protected CodecConfig config() {
        return new BloscConfig("zlib", 1, BloscConfig.SHUFFLE, 0, 1000);
    }

    @Override
    protected DType dtype() {
        return DType.INT32;
    }
}
