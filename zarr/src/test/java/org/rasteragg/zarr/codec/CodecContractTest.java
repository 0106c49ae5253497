package org.rasteragg.zarr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.rasteragg.core.array.DType;

/**
 * Round-trip properties every bytes-to-bytes codec must have: decode(encode(x)) == x for random
 * and for repetitive data, of any length, and the decoder enforces the expected size.
 */
abstract class CodecContractTest {

    /** The codec under test. */
    protected abstract CodecConfig config();

    /** Element type the codec is built for (drives blosc's typesize). */
    protected DType dtype() {
        return DType.UINT16;
    }

    private BytesBytesCodec codec() {
        return (BytesBytesCodec) config().create(new ChunkSpec(new int[] {16}, dtype(), FillValue.zero(dtype())));
    }

    @Property(tries = 40)
    void randomBytesRoundTrip(@ForAll @Size(max = 5000) byte[] data) {
        BytesBytesCodec c = codec();
        byte[] enc = c.encode(data);
        assertThat(c.decode(enc, data.length)).isEqualTo(data);
        assertThat(c.decode(enc, -1)).isEqualTo(data);
    }

    @Property(tries = 40)
    void repetitiveBytesRoundTrip(@ForAll @IntRange(min = 0, max = 300_000) int length,
            @ForAll @IntRange(min = 1, max = 50) int period) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) ((i % period) * 7 + i / 1000);
        }
        BytesBytesCodec c = codec();
        byte[] enc = c.encode(data);
        assertThat(c.decode(enc, length)).isEqualTo(data);
    }
}
