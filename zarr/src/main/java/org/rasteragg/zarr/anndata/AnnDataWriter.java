package org.rasteragg.zarr.anndata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.codec.blosc.BloscFrame;
import org.rasteragg.zarr.store.Store;

/**
 * Writes an {@link AnnDataTable} in anndata's on-disk Zarr (v2) layout, with the
 * {@code encoding-type}/{@code encoding-version} attributes anndata 0.8 writes and 0.8 to 0.10 read:
 * <pre>
 * /            anndata 0.1.0          X      array 0.2.0 (float64)
 * obs, var     dataframe 0.2.0 (_index, column-order); index and string columns string-array 0.2.0
 * categorical  categorical 0.2.0 (ordered, categories string-array, codes int8/16/32 array)
 * obsm, uns    dict 0.1.0; uns strings: string 0.2.0 (0-d "&lt;U" array), numbers numeric-scalar 0.2.0
 * layers, obsp, varm, varp   empty dict 0.1.0
 * </pre>
 * Strings are stored as numcodecs object arrays (vlen-utf8 filter) compressed with blosc-lz4, as
 * anndata does.
 *
 * <p>{@link #write} is atomic with respect to the table's name: the table is written under a
 * hidden temporary sibling name and renamed into place only when complete; a failure deletes the
 * temporary. Stateless and thread-safe (distinct target paths).
 */
public final class AnnDataWriter {

    private static final int STRING_CHUNK = 1 << 16;
    private static final int NUMERIC_CHUNK = 1 << 20;

    private AnnDataWriter() {
    }

    /**
     * Writes {@code table} at {@code path} of {@code store}.
     *
     * @param overwrite replace an existing node at {@code path}; otherwise it is an error. The old
     *     table is moved aside and deleted only after the new one is in place.
     */
    public static void write(Store store, String path, AnnDataTable table, boolean overwrite) {
        boolean exists = Nodes.kind(store, path) != Nodes.Kind.NONE || !store.list(path + "/").isEmpty();
        if (exists && !overwrite) {
            throw new ZarrException(store.description() + ": table '" + path
                    + "' already exists; pass overwrite=true to replace it");
        }
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String tmp = Store.join(parent, "." + name + ".tmp-" + UUID.randomUUID());
        try {
            writeTo(store, tmp, table);
        } catch (RuntimeException e) {
            try {
                store.delete(tmp);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        String old = null;
        if (exists) {
            old = Store.join(parent, "." + name + ".old-" + UUID.randomUUID());
            store.rename(path, old);
        }
        try {
            store.rename(tmp, path);
        } catch (RuntimeException e) {
            if (old != null) {
                store.rename(old, path);
            }
            store.delete(tmp);
            throw e;
        }
        if (old != null) {
            store.delete(old);
        }
    }

    /** Writes the table's nodes under {@code path} (not atomic; {@link #write} wraps it). */
    static void writeTo(Store store, String path, AnnDataTable t) {
        ZarrGroup.create(store, path, 2, encoding("anndata", "0.1.0"));
        writeDense(store, Store.join(path, "X"), t.x(), new long[] {t.obs().rows(), t.var().rows()});
        writeDataFrame(store, Store.join(path, "obs"), t.obs());
        writeDataFrame(store, Store.join(path, "var"), t.var());
        ZarrGroup.create(store, Store.join(path, "obsm"), 2, encoding("dict", "0.1.0"));
        for (Map.Entry<String, double[][]> e : t.obsm().entrySet()) {
            double[][] m = e.getValue();
            int k = m.length == 0 ? 0 : m[0].length;
            double[] flat = new double[m.length * k];
            for (int i = 0; i < m.length; i++) {
                if (m[i].length != k) {
                    throw new IllegalArgumentException("obsm '" + e.getKey() + "' row " + i + " has " + m[i].length
                            + " values, row 0 has " + k);
                }
                System.arraycopy(m[i], 0, flat, i * k, k);
            }
            writeDense(store, Store.join(path, "obsm", e.getKey()), flat, new long[] {m.length, k});
        }
        for (String empty : new String[] {"layers", "obsp", "varm", "varp"}) {
            ZarrGroup.create(store, Store.join(path, empty), 2, encoding("dict", "0.1.0"));
        }
        writeDict(store, Store.join(path, "uns"), t.uns());
    }

    private static ObjectNode encoding(String type, String version) {
        return Json.object().put("encoding-type", type).put("encoding-version", version);
    }

    private static void writeDataFrame(Store store, String path, DataFrame df) {
        ObjectNode attrs = Json.object();
        attrs.put("_index", df.indexName());
        ArrayNode order = attrs.putArray("column-order");
        df.columns().keySet().forEach(order::add);
        attrs.setAll(encoding("dataframe", "0.2.0"));
        ZarrGroup.create(store, path, 2, attrs);
        writeStrings(store, Store.join(path, df.indexName()), df.index());
        for (Map.Entry<String, Column> e : df.columns().entrySet()) {
            String p = Store.join(path, e.getKey());
            Column c = e.getValue();
            if (c instanceof Column.Int64 i) {
                writeArray(store, p, DType.INT64, i.values(), new long[] {i.values().length});
            } else if (c instanceof Column.Float64 f) {
                writeArray(store, p, DType.FLOAT64, f.values(), new long[] {f.values().length});
            } else if (c instanceof Column.Strings s) {
                writeStrings(store, p, s.values());
            } else {
                writeCategorical(store, p, (Column.Categorical) c);
            }
        }
    }

    private static void writeCategorical(Store store, String path, Column.Categorical c) {
        ObjectNode attrs = encoding("categorical", "0.2.0").put("ordered", c.ordered());
        ZarrGroup.create(store, path, 2, attrs);
        writeStrings(store, Store.join(path, "categories"), c.categories());
        int n = c.categories().size();
        int[] codes = c.codes();
        long[] shape = {codes.length};
        // pandas picks the smallest signed type that holds the category count.
        if (n < Byte.MAX_VALUE) {
            byte[] b = new byte[codes.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) codes[i];
            }
            writeArray(store, Store.join(path, "codes"), DType.INT8, b, shape);
        } else if (n < Short.MAX_VALUE) {
            short[] s = new short[codes.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) codes[i];
            }
            writeArray(store, Store.join(path, "codes"), DType.INT16, s, shape);
        } else {
            writeArray(store, Store.join(path, "codes"), DType.INT32, codes.clone(), shape);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeDict(Store store, String path, Map<String, Object> dict) {
        ZarrGroup.create(store, path, 2, encoding("dict", "0.1.0"));
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            String p = Store.join(path, e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                writeDict(store, p, (Map<String, Object>) m);
            } else if (v instanceof String s) {
                writeStringScalar(store, p, s);
            } else if (v instanceof List<?> l) {
                writeStrings(store, p, l.stream().map(String::valueOf).toList());
            } else if (v instanceof Long || v instanceof Integer) {
                writeScalar(store, p, DType.INT64, new long[] {((Number) v).longValue()});
            } else if (v instanceof Double || v instanceof Float) {
                writeScalar(store, p, DType.FLOAT64, new double[] {((Number) v).doubleValue()});
            } else if (v instanceof long[] a) {
                writeArray(store, p, DType.INT64, a, new long[] {a.length});
            } else if (v instanceof double[] a) {
                writeArray(store, p, DType.FLOAT64, a, new long[] {a.length});
            } else {
                throw new IllegalArgumentException("uns value '" + e.getKey() + "' of type "
                        + (v == null ? "null" : v.getClass().getSimpleName()) + " is not supported");
            }
        }
    }

    private static void writeDense(Store store, String path, double[] values, long[] shape) {
        writeArray(store, path, DType.FLOAT64, values, shape);
    }

    private static void writeArray(Store store, String path, DType dtype, Object values, long[] shape) {
        int[] chunks = new int[shape.length];
        long rowElements = 1;
        for (int d = 1; d < shape.length; d++) {
            chunks[d] = (int) Math.max(1, shape[d]);
            rowElements *= Math.max(1, shape[d]);
        }
        if (shape.length > 0) {
            chunks[0] = (int) Math.max(1, Math.min(shape[0], Math.max(1, NUMERIC_CHUNK / rowElements)));
        }
        ZarrArrayWriter w = ZarrArrayWriter.builder(store, path).zarrFormat(2).shape(shape).chunks(chunks).dtype(dtype)
                .compressor(BloscConfig.lz4()).attributes(encoding("array", "0.2.0")).create();
        w.writeAll(values);
    }

    private static void writeScalar(Store store, String path, DType dtype, Object one) {
        ZarrArrayWriter w = ZarrArrayWriter.builder(store, path).zarrFormat(2).shape().chunks().dtype(dtype)
                .attributes(encoding("numeric-scalar", "0.2.0")).create();
        w.writeAll(one);
    }

    /** A 0-d numpy unicode ("&lt;U n") array, as anndata writes a str. */
    private static void writeStringScalar(Store store, String path, String s) {
        int[] cps = s.codePoints().toArray();
        int n = Math.max(1, cps.length);
        ObjectNode z = Json.object().put("zarr_format", 2);
        z.putArray("shape");
        z.putArray("chunks");
        z.put("dtype", "<U" + n).putNull("compressor").put("fill_value", "").putNull("filters").put("order", "C");
        store.put(Store.join(path, ".zarray"), Json.bytes(z));
        store.put(Store.join(path, ".zattrs"), Json.bytes(encoding("string", "0.2.0")));
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int cp : cps) {
            b.putInt(cp);
        }
        store.put(Store.join(path, "0"), b.array());
    }

    /** A numcodecs object array of UTF-8 strings (vlen-utf8 filter, blosc-lz4), chunked. */
    private static void writeStrings(Store store, String path, List<String> values) {
        int n = values.size();
        int chunk = Math.max(1, Math.min(n, STRING_CHUNK));
        ObjectNode z = Json.object().put("zarr_format", 2);
        z.putArray("shape").add(n);
        z.putArray("chunks").add(chunk);
        z.put("dtype", "|O");
        z.set("compressor", new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 0, 0).v2Compressor());
        z.put("fill_value", 0);
        z.putArray("filters").addObject().put("id", "vlen-utf8");
        z.put("order", "C");
        store.put(Store.join(path, ".zarray"), Json.bytes(z));
        store.put(Store.join(path, ".zattrs"), Json.bytes(encoding("string-array", "0.2.0")));
        for (int start = 0, c = 0; start < n; start += chunk, c++) {
            // The last chunk is full-size too; its tail items are empty strings (never read).
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeIntLe(out, chunk);
            for (int i = start; i < start + chunk; i++) {
                byte[] utf8 = i < n ? values.get(i).getBytes(StandardCharsets.UTF_8) : new byte[0];
                writeIntLe(out, utf8.length);
                out.writeBytes(utf8);
            }
            store.put(Store.join(path, String.valueOf(c)), BloscFrame.compress(out.toByteArray(), 1, "lz4", 5,
                    BloscConfig.SHUFFLE, 0));
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
