package org.rasteragg.zarr.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.codec.blosc.BloscConfig;

/**
 * Hand-run decoding throughput per codec (not a benchmark suite: those live in the bench module).
 * Disabled unless {@code -Drasteragg.throughput=true}:
 * <pre>
 * ./mvnw -q -B -o -pl zarr -am test -Dtest=DecodeThroughputMeasurement -Drasteragg.throughput=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Decodes 512x512 uint16 chunks of microscopy-like data (smooth signal plus sensor noise) through
 * the full pipeline into {@code short[]} on 1 and 2 threads; prints decompressed MB/s (10^6 bytes)
 * and the compression ratio.
 */
@EnabledIfSystemProperty(named = "rasteragg.throughput", matches = "true")
class DecodeThroughputMeasurement {

    private static final int SIDE = 512;
    private static final int CHUNKS = 16;
    private static final double SECONDS = 1.0;

    static short[] image(long seed) {
        Random r = new Random(seed);
        short[] a = new short[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double signal = 800 + 600 * Math.sin(x / 23.0 + seed) * Math.cos(y / 17.0) + (x * y % 97 == 0 ? 3000 : 0);
                a[y * SIDE + x] = (short) Math.max(0, signal + r.nextGaussian() * 12);
            }
        }
        return a;
    }

    /** A label mask: square cells of ~20 px with distinct int32 ids, background 0 between them. */
    static int[] labels(long seed) {
        int[] a = new int[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                boolean border = x % 20 < 2 || y % 20 < 2;
                a[y * SIDE + x] = border ? 0 : (int) (seed * 100_000 + (y / 20) * 1000 + x / 20 + 1);
            }
        }
        return a;
    }

    @Test
    void measure() throws Exception {
        measure("uint16 image", DType.UINT16, DecodeThroughputMeasurement::image);
        measure("int32 labels", DType.INT32, DecodeThroughputMeasurement::labels);
        lz4Implementations();
    }

    private void measure(String what, DType dtype, java.util.function.LongFunction<Object> data) throws Exception {
        Map<String, CodecConfig> codecs = new LinkedHashMap<>();
        codecs.put("raw (bytes only)", null);
        codecs.put("blosc lz4 shuffle", new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 0, 0));
        codecs.put("blosc lz4 noshuffle", new BloscConfig("lz4", 5, BloscConfig.NOSHUFFLE, 0, 0));
        codecs.put("blosc lz4 bitshuffle", new BloscConfig("lz4", 5, BloscConfig.BITSHUFFLE, 0, 0));
        codecs.put("blosc lz4hc shuffle", new BloscConfig("lz4hc", 5, BloscConfig.SHUFFLE, 0, 0));
        codecs.put("blosc zstd shuffle", new BloscConfig("zstd", 5, BloscConfig.SHUFFLE, 0, 0));
        codecs.put("blosc zlib shuffle", new BloscConfig("zlib", 5, BloscConfig.SHUFFLE, 0, 0));
        codecs.put("zstd 3", new ZstdConfig(3, false));
        codecs.put("gzip 5", new GzipConfig(5));
        codecs.put("zlib 5", new ZlibConfig(5));
        codecs.put("lz4 (numcodecs)", new Lz4Config(1));
        ChunkSpec spec = new ChunkSpec(new int[] {SIDE, SIDE}, dtype, FillValue.zero(dtype));
        List<Object> images = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            images.add(data.apply(i));
        }
        System.out.printf(Locale.ROOT, "%nDecode throughput, %d chunks of %dx%d %s (%.1f MB each), %s, %d cores%n",
                CHUNKS, SIDE, SIDE, what, spec.byteCount() / 1e6, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-24s %8s %12s %12s%n", "codec", "ratio", "MB/s 1 thr", "MB/s 2 thr");
        for (Map.Entry<String, CodecConfig> e : codecs.entrySet()) {
            List<CodecConfig> chain = e.getValue() == null ? List.of(new BytesConfig(true))
                    : List.of(new BytesConfig(true), e.getValue());
            CodecPipeline p = CodecPipeline.build(chain, spec);
            List<byte[]> encoded = new ArrayList<>();
            long encodedBytes = 0;
            for (Object img : images) {
                byte[] enc = p.encode(img);
                encoded.add(enc);
                encodedBytes += enc.length;
            }
            double ratio = (double) CHUNKS * spec.byteCount() / encodedBytes;
            // Best of two runs: the machine is shared, the best run is the least disturbed one.
            double one = Math.max(run(p, encoded, 1), run(p, encoded, 1));
            double two = Math.max(run(p, encoded, 2), run(p, encoded, 2));
            System.out.printf(Locale.ROOT, "%-24s %8.2f %12.0f %12.0f%n", e.getKey(), ratio, one, two);
        }
    }

    /** Decompressed MB/s of {@code threads} threads decoding the chunks round-robin for {@link #SECONDS}. */
    private static double run(CodecPipeline p, List<byte[]> encoded, int threads) throws Exception {
        // Time-based warm-up so that the JIT has compiled the decode path before timing.
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        Object scratch = p.spec().allocate();
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            p.decode(encoded.get(i % encoded.size()), scratch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (SECONDS * 1e9);
            long start = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                fs.add(pool.submit(() -> {
                    Object dest = p.spec().allocate();
                    long bytes = 0;
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        p.decode(encoded.get(i++ % encoded.size()), dest);
                        bytes += p.spec().byteCount();
                    }
                    return bytes;
                }));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9) / 1e6;
        } finally {
            pool.shutdown();
        }
    }

    /** lz4-java's JNI and pure-Java safe decompressors on the same blocks (decides which blosc uses). */
    private static void lz4Implementations() {
        List<short[]> images = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            images.add(image(i));
        }
        LZ4Factory jni = LZ4Factory.nativeInstance();
        LZ4Factory pureJava = LZ4Factory.safeInstance();
        List<byte[]> raw = new ArrayList<>();
        List<byte[]> blocks = new ArrayList<>();
        for (short[] img : images) {
            byte[] b = new byte[img.length * 2];
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(img);
            byte[] shuffled = new byte[b.length];
            org.rasteragg.zarr.codec.blosc.Shuffle.byteShuffle(2, b, 0, shuffled, 0, b.length);
            raw.add(shuffled);
            blocks.add(jni.fastCompressor().compress(shuffled));
        }
        for (LZ4Factory f : new LZ4Factory[] {jni, pureJava}) {
            byte[] out = new byte[raw.get(0).length];
            long bytes = 0;
            for (int w = 0; w < 20; w++) {
                f.safeDecompressor().decompress(blocks.get(w % blocks.size()), 0, blocks.get(w % blocks.size()).length,
                        out, 0, out.length);
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < 1e9) {
                for (byte[] blk : blocks) {
                    bytes += f.safeDecompressor().decompress(blk, 0, blk.length, out, 0, out.length);
                }
            }
            System.out.printf(Locale.ROOT, "lz4 block decode, %-28s %8.0f MB/s%n", f.toString(),
                    bytes / ((System.nanoTime() - start) / 1e9) / 1e6);
        }
    }
}
