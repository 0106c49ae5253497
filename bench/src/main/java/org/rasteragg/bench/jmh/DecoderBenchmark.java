package org.rasteragg.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.zarr.codec.BytesConfig;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.CodecPipeline;
import org.rasteragg.zarr.codec.FillValue;
import org.rasteragg.zarr.codec.GzipConfig;
import org.rasteragg.zarr.codec.Lz4Config;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/**
 * Decoding one 1024 x 1024 uint16 chunk of the benchmark's synthetic image with each compressor
 * (the full codec pipeline, into a reused buffer). Throughput = 2 MiB / score.
 * Run: {@code java -cp bench/target/rasteragg-bench.jar org.openjdk.jmh.Main DecoderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBenchmark {

    private static final int SIZE = 1024;

    @Param({"none", "blosc-lz4", "blosc-lz4hc", "blosc-zstd", "blosc-zlib", "blosc-blosclz", "zstd", "gzip", "lz4"})
    public String codec;

    private CodecPipeline pipeline;
    private byte[] encoded;
    private short[] destination;

    @Setup
    public void setUp() {
        SyntheticTissue tissue = new SyntheticTissue(new long[] {1, SIZE, SIZE}, 180, 1, 7);
        short[] chunk = (short[]) DType.UINT16.allocate(SIZE * SIZE);
        tissue.image(new int[] {1, 1, SIZE, SIZE}).readChunk(new long[] {0, 0, 0, 0}, chunk);
        CodecConfig compressor = switch (codec) {
            case "none" -> null;
            case "zstd" -> new ZstdConfig(3, false);
            case "gzip" -> new GzipConfig(5);
            case "lz4" -> new Lz4Config(1);
            default -> new BloscConfig(codec.substring("blosc-".length()), 5, BloscConfig.SHUFFLE, 2, 0);
        };
        List<CodecConfig> configs = compressor == null ? List.of(new BytesConfig(true))
                : List.of(new BytesConfig(true), compressor);
        pipeline = CodecPipeline.build(configs, new ChunkSpec(new int[] {SIZE, SIZE}, DType.UINT16,
                FillValue.zero(DType.UINT16)));
        encoded = pipeline.encode(chunk);
        destination = new short[SIZE * SIZE];
    }

    @Benchmark
    public short[] decode() {
        pipeline.decode(encoded, destination);
        return destination;
    }
}
