package org.rasteragg.zarr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/** Transpose and sharding pipelines round-trip; stage order is validated. */
class ArrayCodecPropertiesTest {

    private static int[] randomShape(Random r, int ndim, int max) {
        int[] s = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            s[d] = 1 + r.nextInt(max);
        }
        return s;
    }

    @Property(tries = 60)
    void transposeRoundTrips(@ForAll @IntRange(min = 1, max = 4) int ndim, @ForAll long seed) {
        Random r = new Random(seed);
        int[] shape = randomShape(r, ndim, 7);
        List<Integer> perm = new java.util.ArrayList<>();
        for (int i = 0; i < ndim; i++) {
            perm.add(i);
        }
        java.util.Collections.shuffle(perm, r);
        int[] order = perm.stream().mapToInt(Integer::intValue).toArray();
        ChunkSpec spec = new ChunkSpec(shape, DType.INT64, FillValue.zero(DType.INT64));
        CodecPipeline p = CodecPipeline.build(List.of(new TransposeConfig(order), new BytesConfig(false)), spec);
        long[] data = r.longs(spec.elements()).toArray();
        long[] back = new long[data.length];
        p.decode(p.encode(data), back);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void transposeMatchesNumpyDefinition() {
        // a = arange(6).reshape(2, 3); a.transpose(1, 0) in C order is 0 3 1 4 2 5.
        ChunkSpec spec = new ChunkSpec(new int[] {2, 3}, DType.INT8, FillValue.zero(DType.INT8));
        CodecPipeline p = CodecPipeline.build(List.of(new TransposeConfig(new int[] {1, 0}), new BytesConfig(true)), spec);
        assertThat(p.encode(new byte[] {0, 1, 2, 3, 4, 5})).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Property(tries = 40)
    void shardingRoundTrips(@ForAll @IntRange(min = 1, max = 3) int ndim, @ForAll long seed,
            @ForAll boolean indexAtEnd, @ForAll boolean compress) {
        Random r = new Random(seed);
        int[] inner = randomShape(r, ndim, 4);
        int[] shard = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            shard[d] = inner[d] * (1 + r.nextInt(3));
        }
        ChunkSpec spec = new ChunkSpec(shard, DType.FLOAT32, FillValue.of(DType.FLOAT32, Float.NaN));
        List<CodecConfig> innerCodecs = compress ? List.of(new BytesConfig(true), BloscConfig.lz4())
                : List.of(new BytesConfig(true));
        ShardingConfig sc = new ShardingConfig(inner, innerCodecs, List.of(new BytesConfig(true), new Crc32cConfig()),
                indexAtEnd);
        CodecPipeline p = CodecPipeline.build(List.of(sc), spec);
        float[] data = new float[spec.elements()];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextInt(4) == 0 ? Float.NaN : r.nextFloat();
        }
        float[] back = new float[data.length];
        p.decode(p.encode(data), back);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void stageOrderIsValidated() {
        assertThatThrownBy(() -> CodecPipeline.validateOrder(List.of(new GzipConfig(1), new BytesConfig(true))))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("'gzip' before the array-to-bytes");
        assertThatThrownBy(() -> CodecPipeline.validateOrder(List.of(new BytesConfig(true),
                new TransposeConfig(new int[] {0})))).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("'transpose' after");
        assertThatThrownBy(() -> CodecPipeline.validateOrder(List.of(new TransposeConfig(new int[] {0}))))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("exactly one array-to-bytes");
        assertThatThrownBy(() -> CodecPipeline.validateOrder(List.of(new BytesConfig(true), new BytesConfig(true))))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("found 2");
    }

    @Test
    void registryKnowsEveryCodec() {
        assertThat(CodecRegistry.v3Names()).contains("blosc", "bytes", "endian", "crc32c", "gzip", "sharding_indexed",
                "transpose", "zstd", "numcodecs.lz4", "numcodecs.zlib");
        assertThat(CodecRegistry.v2Ids()).containsExactly("blosc", "gzip", "lz4", "zlib", "zstd");
    }
}
