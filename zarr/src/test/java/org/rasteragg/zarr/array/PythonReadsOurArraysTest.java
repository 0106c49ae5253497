package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.GzipConfig;
import org.rasteragg.zarr.codec.Lz4Config;
import org.rasteragg.zarr.codec.ZlibConfig;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.Python;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * Zarr v2 arrays written by our writer (every dtype, both byte orders, C and F order, each
 * compressor including our pure-Java blosc frames) read back by zarr-python and numcodecs
 * (tools/fixtures/zarr/check_written_arrays.py). Skipped when /usr/bin/python3 lacks zarr.
 */
class PythonReadsOurArraysTest {

    @TempDir
    Path dir;

    static boolean pythonZarrAvailable() {
        return Python.canImport("zarr, numcodecs");
    }

    @Test
    void zarrPythonReadsWhatWeWrite() throws Exception {
        assumeTrue(pythonZarrAvailable(), "/usr/bin/python3 with zarr is not available");
        Path root = dir.resolve("ours.zarr");
        FileSystemStore store = new FileSystemStore(root);
        CodecConfig[] compressors = {null, BloscConfig.lz4(), BloscConfig.zstd(),
            new BloscConfig("lz4hc", 9, BloscConfig.BITSHUFFLE, 0, 0), new BloscConfig("zlib", 3, 0, 0, 2048),
            new ZstdConfig(3, false), new GzipConfig(5), new ZlibConfig(5), new Lz4Config(1)};
        ArrayNode manifest = Json.array();
        int k = 0;
        for (CodecConfig comp : compressors) {
            for (DType t : DType.values()) {
                boolean fortran = k % 3 == 0;
                boolean little = k % 2 == 0;
                String name = "a" + k++;
                long[] shape = {37, 45};
                ZarrArrayWriter w = ZarrArrayWriter.builder(store, name).zarrFormat(2).shape(shape).chunks(16, 20)
                        .dtype(t).compressor(comp).fortranOrder(fortran).littleEndian(little)
                        .separator(k % 4 == 0 ? '/' : '.').fillValue(1).create();
                Object data = WriterRoundTripTest.randomData(t, 37 * 45, k);
                w.writeAll(data);
                Path expected = dir.resolve(name + ".bin");
                Files.write(expected, littleEndianBytes(data, t));
                ObjectNode e = manifest.addObject().put("store", root.toString()).put("array", name)
                        .put("dtype", t.numpyName()).put("expected", expected.toString());
                e.set("shape", Json.longs(shape));
            }
        }
        Path m = dir.resolve("manifest.json");
        Files.write(m, Json.bytes(manifest));
        Path script = Path.of(System.getProperty("user.dir")).resolve("../tools/fixtures/zarr/check_written_arrays.py")
                .normalize();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), m.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OK zarr");
    }

    static byte[] littleEndianBytes(Object data, DType t) {
        int n = DType.bufferLength(data);
        ByteBuffer b = ByteBuffer.allocate(n * t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (data instanceof byte[] a) {
            b.put(a);
        } else if (data instanceof short[] a) {
            b.asShortBuffer().put(a);
        } else if (data instanceof int[] a) {
            b.asIntBuffer().put(a);
        } else if (data instanceof long[] a) {
            b.asLongBuffer().put(a);
        } else if (data instanceof float[] a) {
            b.asFloatBuffer().put(a);
        } else {
            b.asDoubleBuffer().put((double[]) data);
        }
        return b.array();
    }
}
