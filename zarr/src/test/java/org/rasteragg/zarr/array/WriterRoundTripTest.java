package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.GzipConfig;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.Store;

/** Arrays written by {@link ZarrArrayWriter} read back exactly with {@link ZarrArray}, v2 and v3. */
class WriterRoundTripTest {

    @TempDir
    Path dir;

    static Object randomData(DType t, int n, long seed) {
        Random r = new Random(seed);
        Object a = t.allocate(n);
        for (int i = 0; i < n; i++) {
            // Runs of equal values so that compressors find something.
            long v = i % 5 == 0 ? 42 : r.nextLong();
            switch (t.byteSize()) {
                case 1 -> ((byte[]) a)[i] = (byte) v;
                case 2 -> ((short[]) a)[i] = (short) v;
                case 4 -> {
                    if (t.isInteger()) {
                        ((int[]) a)[i] = (int) v;
                    } else {
                        ((float[]) a)[i] = (float) r.nextGaussian();
                    }
                }
                default -> {
                    if (t.isInteger()) {
                        ((long[]) a)[i] = v;
                    } else {
                        ((double[]) a)[i] = r.nextGaussian();
                    }
                }
            }
        }
        return a;
    }

    @TestFactory
    Stream<DynamicTest> everyFormatCompressorOrderAndDtypeRoundTrips() {
        List<DynamicTest> tests = new ArrayList<>();
        CodecConfig[] compressors = {null, BloscConfig.lz4(), BloscConfig.zstd(), new ZstdConfig(3, false),
            new GzipConfig(1)};
        for (int format : new int[] {2, 3}) {
            for (CodecConfig comp : compressors) {
                for (boolean fortran : new boolean[] {false, true}) {
                    for (DType t : DType.values()) {
                        String name = "v" + format + " " + (comp == null ? "raw" : comp.name() + "/"
                                + comp.v3Configuration().path("cname").asText("")) + (fortran ? " F " : " C ")
                                + t.numpyName();
                        tests.add(DynamicTest.dynamicTest(name, () -> {
                            Store s = new MemoryStore();
                            ZarrArrayWriter w = ZarrArrayWriter.builder(s, "a/b").zarrFormat(format)
                                    .shape(11, 7, 13).chunks(4, 7, 5).dtype(t).compressor(comp)
                                    .fortranOrder(fortran).littleEndian(t.ordinal() % 2 == 0).fillValue(3).create();
                            Object data = randomData(t, 11 * 7 * 13, t.ordinal());
                            w.writeAll(data);
                            ZarrArray a = Zarr.open(s, "a/b");
                            assertThat(a.metadata()).isEqualTo(w.metadata());
                            PythonFixtureTest.assertSameBits(a.readAll(), data, name);
                        }));
                    }
                }
            }
        }
        return tests.stream();
    }

    @Test
    void shardedArraysRoundTripAndReadInnerChunks() {
        Store s = new FileSystemStore(dir.resolve("s.zarr"));
        ZarrArrayWriter w = ZarrArrayWriter.builder(s, "img").zarrFormat(3).shape(3, 50, 70).chunks(1, 8, 16)
                .shards(1, 32, 32).dtype(DType.UINT16).compressor(BloscConfig.zstd())
                .dimensionNames(List.of("c", "y", "x")).create();
        short[] data = (short[]) randomData(DType.UINT16, 3 * 50 * 70, 7);
        w.writeAll(data);
        ZarrArray a = Zarr.open(dir.resolve("s.zarr"), "img");
        assertThat(a.isSharded()).isTrue();
        assertThat(a.chunkShape()).containsExactly(1, 8, 16);
        assertThat(a.metadata().dimensionNames()).containsExactly("c", "y", "x");
        assertThat((short[]) a.readAll()).isEqualTo(data);
    }

    @Test
    void parallelChunkWritesAndShardedParallelReads() throws Exception {
        Store s = new FileSystemStore(dir.resolve("p.zarr"));
        ZarrArrayWriter w = ZarrArrayWriter.builder(s, "a").zarrFormat(3).shape(64, 64).chunks(8, 8).shards(16, 16)
                .dtype(DType.INT32).compressor(BloscConfig.lz4()).create();
        int[] all = new int[64 * 64];
        for (int i = 0; i < all.length; i++) {
            all[i] = i * 31;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int sy = 0; sy < 4; sy++) {
                for (int sx = 0; sx < 4; sx++) {
                    int y0 = sy * 16;
                    int x0 = sx * 16;
                    long[] pos = {sy, sx};
                    fs.add(pool.submit(() -> {
                        int[] shard = new int[256];
                        for (int y = 0; y < 16; y++) {
                            System.arraycopy(all, (y0 + y) * 64 + x0, shard, y * 16, 16);
                        }
                        w.writeChunk(pos, shard);
                    }));
                }
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
            ZarrArray a = Zarr.open(dir.resolve("p.zarr"), "a");
            List<java.util.concurrent.Future<int[]>> reads = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                reads.add(pool.submit(() -> (int[]) a.readAll()));
            }
            for (java.util.concurrent.Future<int[]> f : reads) {
                assertThat(f.get()).isEqualTo(all);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void absentChunksReadAsTheFillValue() {
        Store s = new MemoryStore();
        ZarrArrayWriter w = ZarrArrayWriter.builder(s, "f").zarrFormat(2).shape(10).chunks(4).dtype(DType.FLOAT32)
                .fillValue(Double.NaN).create();
        w.writeChunk(new long[] {1}, new float[] {1, 2, 3, 4});
        float[] all = (float[]) Zarr.open(s, "f").readAll();
        assertThat(all).containsExactly(Float.NaN, Float.NaN, Float.NaN, Float.NaN, 1, 2, 3, 4, Float.NaN, Float.NaN);
    }

    @Test
    void refusesToOverwriteUnlessAsked() {
        Store s = new MemoryStore();
        ZarrArrayWriter.builder(s, "x").shape(4).chunks(2).dtype(DType.INT8).create();
        assertThatThrownBy(() -> ZarrArrayWriter.builder(s, "x").shape(4).chunks(2).dtype(DType.INT8).create())
                .isInstanceOf(ZarrException.class).hasMessageContaining("already exists");
        ZarrArrayWriter.builder(s, "x").shape(6).chunks(2).dtype(DType.INT8).overwrite(true).create();
        assertThat(Zarr.open(s, "x").shape()).containsExactly(6);
    }

    @Test
    void uint64FillAboveLongMaxRoundTrips() {
        Store s = new MemoryStore();
        ZarrArrayWriter.builder(s, "u").zarrFormat(2).shape(3).chunks(3).dtype(DType.UINT64)
                .fillValue(1.8446744073709552E19).create();
        ZarrArray a = Zarr.open(s, "u");
        assertThat(a.metadata().fillValue().dtype()).isEqualTo(DType.UINT64);
    }
}
