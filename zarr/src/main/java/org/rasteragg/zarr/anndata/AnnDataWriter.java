package org.rasteragg.zarr.anndata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.ConsolidatedMetadata;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.array.ZarrGroup;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.store.Store;

/**
 * Writes an {@link AnnDataTable} in anndata's on-disk Zarr layout (v2, or v3 for v3 stores), with the
 * {@code encoding-type}/{@code encoding-version} attributes anndata 0.8 writes and 0.8 to 0.10 read:
 * <pre>
 * /            anndata 0.1.0          X      array 0.2.0 (float64)
 * obs, var     dataframe 0.2.0 (_index, column-order); index and string columns string-array 0.2.0
 * categorical  categorical 0.2.0 (ordered, categories string-array, codes int8/16/32 array)
 * obsm, uns    dict 0.1.0; uns strings: string 0.2.0 (0-d "&lt;U" array), numbers numeric-scalar 0.2.0
 * layers, obsp, varm, varp   empty dict 0.1.0
 * </pre>
 * Strings are stored as {@link StringArrays} writes them, as anndata does.
 *
 * <p>{@link #write} is atomic with respect to the table's name: the table is written under a
 * hidden temporary sibling name and renamed into place only when complete; a failure deletes the
 * temporary, and temporaries of a run that died are found by {@link WriterTemporaries#cleanupStale}. Stateless and thread-safe (distinct target paths).
 */
public final class AnnDataWriter {

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
        write(store, path, table, overwrite, 2);
    }

    /**
     * Writes {@code table} at {@code path} of {@code store} in Zarr format {@code zarrFormat} (2, or
     * 3 for a store whose nodes are v3), then refreshes the store's consolidated metadata, if any,
     * for the parent of {@code path}.
     *
     * @param overwrite replace an existing node at {@code path}; otherwise it is an error. The old
     *     table is moved aside and deleted only after the new one is in place.
     */
    public static void write(Store store, String path, AnnDataTable table, boolean overwrite, int zarrFormat) {
        if (zarrFormat != 2 && zarrFormat != 3) {
            throw new IllegalArgumentException("zarr format must be 2 or 3, found " + zarrFormat);
        }
        boolean exists = Nodes.kind(store, path) != Nodes.Kind.NONE || !store.list(path + "/").isEmpty();
        if (exists && WriterTemporaries.isHalfPublished(store, path)) {
            // A writer died while publishing here (object stores copy, data first): not a table yet, and ours.
            store.delete(path);
            exists = false;
        }
        if (exists && !overwrite) {
            throw new ZarrException(store.description() + ": table '" + path
                    + "' already exists; pass overwrite=true to replace it");
        }
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String tmp = Store.join(parent, WriterTemporaries.temporaryName(name));
        try {
            // The marker stays through the rename (copied first into an object store, see
            // isHalfPublished) and is removed once the table is in place.
            WriterTemporaries.mark(store, tmp);
            writeTo(store, tmp, table, zarrFormat);
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
            old = Store.join(parent, WriterTemporaries.asideName(name));
            store.rename(path, old);
            WriterTemporaries.mark(store, old);
        }
        try {
            store.rename(tmp, path);
        } catch (RuntimeException e) {
            if (old != null) {
                WriterTemporaries.unmark(store, old);
                store.rename(old, path);
            }
            store.delete(tmp);
            throw e;
        }
        WriterTemporaries.unmark(store, path);
        if (old != null) {
            store.delete(old);
        }
        ConsolidatedMetadata.refresh(store, parent);
    }

    /** Writes the table's nodes under {@code path} (not atomic; {@link #write} wraps it). */
    static void writeTo(Store store, String path, AnnDataTable t, int fmt) {
        ZarrGroup.create(store, path, fmt, encoding("anndata", "0.1.0"));
        writeDense(store, fmt, Store.join(path, "X"), t.xMatrix());
        writeDataFrame(store, fmt, Store.join(path, "obs"), t.obs());
        writeDataFrame(store, fmt, Store.join(path, "var"), t.var());
        ZarrGroup.create(store, Store.join(path, "obsm"), fmt, encoding("dict", "0.1.0"));
        for (Map.Entry<String, Matrix> e : t.obsmMatrices().entrySet()) {
            writeDense(store, fmt, Store.join(path, "obsm", e.getKey()), e.getValue());
        }
        for (String empty : new String[] {"layers", "obsp", "varm", "varp"}) {
            ZarrGroup.create(store, Store.join(path, empty), fmt, encoding("dict", "0.1.0"));
        }
        writeDict(store, fmt, Store.join(path, "uns"), t.uns());
    }

    static ObjectNode encoding(String type, String version) {
        return Json.object().put("encoding-type", type).put("encoding-version", version);
    }

    private static void writeDataFrame(Store store, int fmt, String path, DataFrame df) {
        ObjectNode attrs = Json.object();
        attrs.put("_index", df.indexName());
        ArrayNode order = attrs.putArray("column-order");
        df.columns().keySet().forEach(order::add);
        attrs.setAll(encoding("dataframe", "0.2.0"));
        ZarrGroup.create(store, path, fmt, attrs);
        StringArrays.write(store, Store.join(path, df.indexName()), df.index(), fmt);
        for (Map.Entry<String, Column> e : df.columns().entrySet()) {
            String p = Store.join(path, e.getKey());
            Column c = e.getValue();
            if (c instanceof Column.Int64 i) {
                writeVector(store, fmt, p, DType.INT64, i.data(), i.first(), i.length());
            } else if (c instanceof Column.UInt64 u) {
                writeVector(store, fmt, p, DType.UINT64, u.data(), u.first(), u.length());
            } else if (c instanceof Column.Float64 f) {
                writeVector(store, fmt, p, DType.FLOAT64, f.data(), f.first(), f.length());
            } else if (c instanceof Column.Strings s) {
                StringArrays.write(store, p, s.values(), fmt);
            } else {
                writeCategorical(store, fmt, p, (Column.Categorical) c);
            }
        }
    }

    private static void writeCategorical(Store store, int fmt, String path, Column.Categorical c) {
        ObjectNode attrs = encoding("categorical", "0.2.0").put("ordered", c.ordered());
        ZarrGroup.create(store, path, fmt, attrs);
        StringArrays.write(store, Store.join(path, "categories"), c.categories(), fmt);
        int n = c.categories().size();
        int[] codes = c.codes();
        long[] shape = {codes.length};
        // pandas picks the smallest signed type that holds the category count.
        if (n < Byte.MAX_VALUE) {
            byte[] b = new byte[codes.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) codes[i];
            }
            writeArray(store, fmt, Store.join(path, "codes"), DType.INT8, b, shape);
        } else if (n < Short.MAX_VALUE) {
            short[] s = new short[codes.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) codes[i];
            }
            writeArray(store, fmt, Store.join(path, "codes"), DType.INT16, s, shape);
        } else {
            writeArray(store, fmt, Store.join(path, "codes"), DType.INT32, codes.clone(), shape);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeDict(Store store, int fmt, String path, Map<String, Object> dict) {
        ZarrGroup.create(store, path, fmt, encoding("dict", "0.1.0"));
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            String p = Store.join(path, e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                writeDict(store, fmt, p, (Map<String, Object>) m);
            } else if (v instanceof String s) {
                StringArrays.writeScalar(store, p, s, fmt);
            } else if (v instanceof List<?> l) {
                StringArrays.write(store, p, l.stream().map(String::valueOf).toList(), fmt);
            } else if (v instanceof Long || v instanceof Integer) {
                writeScalar(store, fmt, p, DType.INT64, new long[] {((Number) v).longValue()});
            } else if (v instanceof Double || v instanceof Float) {
                writeScalar(store, fmt, p, DType.FLOAT64, new double[] {((Number) v).doubleValue()});
            } else if (v instanceof long[] a) {
                writeArray(store, fmt, p, DType.INT64, a, new long[] {a.length});
            } else if (v instanceof double[] a) {
                writeArray(store, fmt, p, DType.FLOAT64, a, new long[] {a.length});
            } else {
                throw new IllegalArgumentException("uns value '" + e.getKey() + "' of type "
                        + (v == null ? "null" : v.getClass().getSimpleName()) + " is not supported");
            }
        }
    }

    /** A float64 matrix, row-major, made a chunk of rows at a time from its columns. */
    private static void writeDense(Store store, int fmt, String path, Matrix m) {
        long[] shape = {m.rows(), m.width()};
        ZarrArrayWriter w = numericArray(store, fmt, path, DType.FLOAT64, shape);
        if (m.width() == 0) {
            return;
        }
        int chunkRows = w.metadata().chunkShape()[0];
        double[] buffer = new double[chunkRows * m.width()];
        for (int from = 0, c = 0; from < m.rows(); from += chunkRows, c++) {
            int to = Math.min(m.rows(), from + chunkRows);
            if (to - from < chunkRows) {
                w.metadata().fillValue().fill(buffer);
            }
            m.rowMajor(from, to, buffer);
            w.writeChunk(new long[] {c, 0}, buffer);
        }
    }

    /** A 1-d numeric array of {@code length} values of {@code data} from {@code first}, a chunk at a time. */
    private static void writeVector(Store store, int fmt, String path, DType dtype, Object data, int first,
            int length) {
        ZarrArrayWriter w = numericArray(store, fmt, path, dtype, new long[] {length});
        int chunk = w.metadata().chunkShape()[0];
        Object buffer = dtype.allocate(chunk);
        for (int from = 0, c = 0; from < length; from += chunk, c++) {
            int n = Math.min(chunk, length - from);
            if (n < chunk) {
                w.metadata().fillValue().fill(buffer);
            }
            System.arraycopy(data, first + from, buffer, 0, n);
            w.writeChunk(new long[] {c}, buffer);
        }
    }

    private static void writeArray(Store store, int fmt, String path, DType dtype, Object values, long[] shape) {
        numericArray(store, fmt, path, dtype, shape).writeAll(values);
    }

    /** A numeric array tagged {@code array 0.2.0}: chunks of whole rows, about {@link #NUMERIC_CHUNK} values. */
    private static ZarrArrayWriter numericArray(Store store, int fmt, String path, DType dtype, long[] shape) {
        int[] chunks = new int[shape.length];
        long rowElements = 1;
        for (int d = 1; d < shape.length; d++) {
            chunks[d] = (int) Math.max(1, shape[d]);
            rowElements *= Math.max(1, shape[d]);
        }
        if (shape.length > 0) {
            chunks[0] = (int) Math.max(1, Math.min(shape[0], Math.max(1, NUMERIC_CHUNK / rowElements)));
        }
        return ZarrArrayWriter.builder(store, path).zarrFormat(fmt).shape(shape).chunks(chunks).dtype(dtype)
                .compressor(BloscConfig.lz4()).attributes(encoding("array", "0.2.0")).create();
    }

    private static void writeScalar(Store store, int fmt, String path, DType dtype, Object one) {
        ZarrArrayWriter w = ZarrArrayWriter.builder(store, path).zarrFormat(fmt).shape().chunks().dtype(dtype)
                .attributes(encoding("numeric-scalar", "0.2.0")).create();
        w.writeAll(one);
    }
}
