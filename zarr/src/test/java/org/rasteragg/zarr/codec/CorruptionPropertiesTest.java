package org.rasteragg.zarr.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/**
 * Randomly truncated or corrupted frames of every compressor decode to the right size or fail
 * with a {@link ZarrFormatException}; never another exception, never a crash or a hang.
 */
class CorruptionPropertiesTest {

    private static final List<CodecConfig> CODECS = List.of(new BloscConfig("lz4", 5, 1, 0, 0),
            new BloscConfig("zstd", 5, 2, 0, 0), new BloscConfig("zlib", 5, 1, 0, 512),
            new BloscConfig("lz4hc", 5, 0, 0, 0), new ZstdConfig(3, false), new GzipConfig(5), new ZlibConfig(5),
            new Lz4Config(1), new Crc32cConfig());

    @Property(tries = 300)
    void corruptFramesFailCleanly(@ForAll @IntRange(min = 0, max = 8) int codecIndex, @ForAll long seed,
            @ForAll boolean truncate) {
        Random r = new Random(seed);
        byte[] data = new byte[2000 + r.nextInt(3000)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 13 == 0 ? r.nextInt() : i / 7);
        }
        BytesBytesCodec codec = (BytesBytesCodec) CODECS.get(codecIndex).create(
                new ChunkSpec(new int[] {data.length / 2}, DType.UINT16, FillValue.zero(DType.UINT16)));
        byte[] enc = codec.encode(data);
        byte[] bad;
        if (truncate) {
            bad = Arrays.copyOf(enc, r.nextInt(enc.length));
        } else {
            bad = enc.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
        }
        try {
            byte[] out = codec.decode(bad, data.length);
            if (out.length != data.length) {
                throw new AssertionError("decoded " + out.length + " bytes, expected " + data.length);
            }
        } catch (ZarrFormatException expected) {
            // The clean failure.
        }
    }
}
