package org.rasteragg.zarr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.ArrayMetadata;
import org.rasteragg.zarr.codec.BytesBytesCodec;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.CodecPipeline;
import org.rasteragg.zarr.codec.FillValue;
import org.rasteragg.zarr.codec.GzipConfig;
import org.rasteragg.zarr.codec.Lz4Config;
import org.rasteragg.zarr.codec.ShardingConfig;
import org.rasteragg.zarr.codec.ShardingCodec;
import org.rasteragg.zarr.codec.ZlibConfig;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.codec.blosc.BloscFrame;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.Store;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser of untrusted bytes in this module. The
 * property of each: any input either parses or fails with a {@link ZarrException} (a data error);
 * every other exception, a hang or running out of memory is a finding. In the normal test run each
 * target replays its committed seed corpus and past findings (src/test/resources/.../
 * FormatFuzzTestInputs/TARGET/); the build's bounded fuzzing runs ({@code JAZZER_FUZZ=1}, one
 * surefire execution per target, zarr/pom.xml) search for new findings for {@code maxDuration}
 * each, and Jazzer stores any finding there, so it becomes a regression input of the normal run.
 */
class FormatFuzzTest {

    /** Fuzzing time of each target in the build's bounded runs (9 targets: well under a minute). */
    private static final String FUZZ_TIME = "3s";

    /** The chunk the codec targets decode into: 1 KiB, as a uint8 array of 1024 elements. */
    private static final ChunkSpec CHUNK = new ChunkSpec(new int[] {1024}, DType.UINT8, FillValue.zero(DType.UINT8));
    private static final int CHUNK_BYTES = 1024;

    /** Runs {@code parse}; a {@link ZarrException} is the expected failure, anything else escapes. */
    private static void dataErrorOrSuccess(Runnable parse) {
        try {
            parse.run();
        } catch (ZarrException expected) {
            // bad input, reported as such
        }
    }

    private static void buildPipeline(ArrayMetadata m) {
        // Only chunk specs the metadata allows are built, as ZarrArray does.
        CodecPipeline.build(m.codecs(), m.chunkSpec()).maxEncodedSize();
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void v2Metadata(byte[] data) {
        dataErrorOrSuccess(() -> buildPipeline(ArrayMetadata.parseV2(Json.parseObject(data, ".zarray"), ".zarray")));
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void v3Metadata(byte[] data) {
        dataErrorOrSuccess(() -> buildPipeline(ArrayMetadata.parseV3(Json.parseObject(data, "zarr.json"), "zarr.json")));
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void omeAttributes(byte[] data) {
        Store store = new MemoryStore();
        store.put("img/.zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put("img/.zattrs", data);
        dataErrorOrSuccess(() -> {
            OmeZarrImage img = OmeZarrImage.open(store, "img");
            img.canonicalAxisOrder();
            img.channelAxis();
            for (String cs : img.coordinateSystems()) {
                img.transformation(cs);
            }
        });
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void spatialDataAttributes(byte[] data) {
        Store store = new MemoryStore();
        store.put(".zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put(".zattrs", data);
        store.put("labels/.zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put("labels/cells/.zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put("labels/cells/.zattrs", data);
        dataErrorOrSuccess(() -> {
            SpatialDataStore sd = SpatialDataStore.open(store);
            sd.tables();
            for (String name : sd.labels()) {
                OmeZarrImage img = sd.labels(name);
                for (String cs : img.coordinateSystems()) {
                    sd.labelsTranslation(name, cs);
                }
            }
        });
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void blosc(byte[] data) {
        dataErrorOrSuccess(() -> BloscFrame.decompress(data, -1));
        dataErrorOrSuccess(() -> {
            // As a pipeline would: the chunk's size is what the frame says, if that is a sane chunk.
            int n = BloscFrame.decompressedSize(data);
            if (n >= 0 && n <= 1 << 20) {
                BloscFrame.decompress(data, n);
                BloscFrame.decompressInto(data, new short[n / 2], n / 2, 2, true);
            }
        });
    }

    private static void decode(CodecConfig config, byte[] data) {
        BytesBytesCodec codec = (BytesBytesCodec) config.create(CHUNK);
        dataErrorOrSuccess(() -> codec.decode(data, CHUNK_BYTES));
        dataErrorOrSuccess(() -> codec.decode(data, -1));
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void lz4(byte[] data) {
        decode(new Lz4Config(1), data);
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void zstd(byte[] data) {
        BytesBytesCodec codec = (BytesBytesCodec) new ZstdConfig(0, false).create(CHUNK);
        // The pipeline passes the exact size whenever a plain bytes codec precedes, as here.
        dataErrorOrSuccess(() -> codec.decode(data, CHUNK_BYTES));
    }

    @FuzzTest(maxDuration = FUZZ_TIME)
    void gzipAndZlib(byte[] data) {
        decode(new GzipConfig(5), data);
        decode(new ZlibConfig(5), data);
    }

    /**
     * The layout of the spec-built fixture v3.zarr/u1_sharded, whose shards are the seeds: 4x4
     * uint8 inner chunks (bytes, gzip) in 8x8 shards, index (bytes, crc32c) at the end.
     */
    private static final ShardingCodec SHARDING = (ShardingCodec) ShardingConfig.of(new int[] {4, 4},
            new GzipConfig(1)).create(new ChunkSpec(new int[] {8, 8}, DType.UINT8, FillValue.zero(DType.UINT8)));

    @FuzzTest(maxDuration = FUZZ_TIME)
    void shardingIndex(byte[] data) {
        dataErrorOrSuccess(() -> {
            long[] index = SHARDING.decodeIndex(java.util.Arrays.copyOf(data, SHARDING.indexByteSize()));
            for (int c = 0; c < index.length / 2; c++) {
                ShardingCodec.present(index[2 * c], index[2 * c + 1], data.length, c);
            }
        });
        dataErrorOrSuccess(() -> SHARDING.decode(data, new byte[64]));
    }
}
