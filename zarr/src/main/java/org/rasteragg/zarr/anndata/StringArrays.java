package org.rasteragg.zarr.anndata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.codec.blosc.BloscFrameWriter;
import org.rasteragg.zarr.store.Store;

/**
 * String arrays as anndata writes them, in either Zarr format: v2 numcodecs object arrays
 * ({@code |O}, vlen-utf8 filter, blosc-lz4) and 0-d numpy unicode scalars ({@code <Un}); v3
 * {@code data_type "string"} arrays with the {@code vlen-utf8} codec then zstd, as zarr-python 3
 * writes them. Both formats share the vlen-utf8 bytes (item count, then length and UTF-8 bytes of
 * each item, little-endian). Stateless.
 */
final class StringArrays {

    private static final int STRING_CHUNK = 1 << 16;

    private StringArrays() {
    }

    /** A 1-d string array of {@code values} at {@code path}, tagged {@code string-array 0.2.0}. */
    static void write(Store store, String path, List<String> values, int zarrFormat) {
        int n = values.size();
        int chunk = Math.max(1, Math.min(n, STRING_CHUNK));
        ObjectNode attrs = AnnDataWriter.encoding("string-array", "0.2.0");
        if (zarrFormat == 3) {
            store.put(Store.join(path, "zarr.json"), Json.bytes(v3Document(new long[] {n}, new int[] {chunk}, attrs)));
        } else {
            ObjectNode z = Json.object().put("zarr_format", 2);
            z.putArray("shape").add(n);
            z.putArray("chunks").add(chunk);
            z.put("dtype", "|O");
            z.set("compressor", new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 0, 0).v2Compressor());
            z.put("fill_value", 0);
            z.putArray("filters").addObject().put("id", "vlen-utf8");
            z.put("order", "C");
            store.put(Store.join(path, ".zarray"), Json.bytes(z));
            store.put(Store.join(path, ".zattrs"), Json.bytes(attrs));
        }
        for (int start = 0, c = 0; start < n; start += chunk, c++) {
            // The last chunk is full-size too; its tail items are empty strings (never read).
            byte[] vlen = vlenUtf8(values.subList(start, Math.min(n, start + chunk)), chunk);
            String key = zarrFormat == 3 ? "c/" + c : String.valueOf(c);
            store.put(Store.join(path, key), zarrFormat == 3 ? ZstdConfig.compress(vlen, 0, vlen.length, 0, false)
                    : BloscFrameWriter.compress(vlen, 1, "lz4", 5, BloscConfig.SHUFFLE, 0));
        }
    }

    /** A 0-d string at {@code path}, tagged {@code string 0.2.0}, as anndata writes a {@code str}. */
    static void writeScalar(Store store, String path, String s, int zarrFormat) {
        ObjectNode attrs = AnnDataWriter.encoding("string", "0.2.0");
        if (zarrFormat == 3) {
            store.put(Store.join(path, "zarr.json"), Json.bytes(v3Document(new long[0], new int[0], attrs)));
            byte[] vlen = vlenUtf8(List.of(s), 1);
            store.put(Store.join(path, "c"), ZstdConfig.compress(vlen, 0, vlen.length, 0, false));
            return;
        }
        int[] cps = s.codePoints().toArray();
        int n = Math.max(1, cps.length);
        ObjectNode z = Json.object().put("zarr_format", 2);
        z.putArray("shape");
        z.putArray("chunks");
        z.put("dtype", "<U" + n).putNull("compressor").put("fill_value", "").putNull("filters").put("order", "C");
        store.put(Store.join(path, ".zarray"), Json.bytes(z));
        store.put(Store.join(path, ".zattrs"), Json.bytes(attrs));
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int cp : cps) {
            b.putInt(cp);
        }
        store.put(Store.join(path, "0"), b.array());
    }

    private static ObjectNode v3Document(long[] shape, int[] chunks, ObjectNode attrs) {
        ObjectNode z = Json.object().put("zarr_format", 3).put("node_type", "array");
        z.set("shape", Json.longs(shape));
        z.put("data_type", "string");
        z.putObject("chunk_grid").put("name", "regular").putObject("configuration").set("chunk_shape",
                Json.ints(chunks));
        z.putObject("chunk_key_encoding").put("name", "default").putObject("configuration").put("separator", "/");
        z.put("fill_value", "");
        z.putArray("codecs").add(Json.object().put("name", "vlen-utf8").set("configuration", Json.object()))
                .add(Json.object().put("name", "zstd").set("configuration",
                        Json.object().put("level", 0).put("checksum", false)));
        z.set("attributes", attrs);
        return z;
    }

    /** numcodecs' VLenUTF8 encoding of {@code values} padded with empty strings to {@code items}. */
    private static byte[] vlenUtf8(List<String> values, int items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeIntLe(out, items);
        for (int i = 0; i < items; i++) {
            byte[] utf8 = i < values.size() ? values.get(i).getBytes(StandardCharsets.UTF_8) : new byte[0];
            writeIntLe(out, utf8.length);
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
