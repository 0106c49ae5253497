package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.BytesConfig;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.CodecPipeline;
import org.rasteragg.zarr.codec.CodecRegistry;
import org.rasteragg.zarr.codec.FillValue;
import org.rasteragg.zarr.codec.ShardingConfig;
import org.rasteragg.zarr.codec.TransposeConfig;

/**
 * The metadata of one Zarr array, v2 ({@code .zarray}) and v3 ({@code zarr.json}) parsed into one
 * model: a v2 array becomes the codec chain [transpose if order F] bytes(endian) [compressor].
 * Immutable; arrays are copied in and out.
 *
 * @param zarrFormat 2 or 3
 * @param shape array shape
 * @param chunkShape shape of a stored chunk (a whole shard for sharded v3 arrays)
 * @param dtype element type
 * @param fillValue value of elements of absent chunks
 * @param codecs the codec chain, validated
 * @param keyEncoding chunk key scheme
 * @param dimensionNames names of the axes, empty when unknown
 */
public record ArrayMetadata(int zarrFormat, long[] shape, int[] chunkShape, DType dtype, FillValue fillValue,
        List<CodecConfig> codecs, ChunkKeyEncoding keyEncoding, List<String> dimensionNames) {

    public ArrayMetadata {
        shape = shape.clone();
        chunkShape = chunkShape.clone();
        codecs = List.copyOf(codecs);
        dimensionNames = List.copyOf(dimensionNames);
        if (zarrFormat != 2 && zarrFormat != 3) {
            throw new ZarrFormatException("zarr_format must be 2 or 3, found " + zarrFormat);
        }
        if (shape.length != chunkShape.length) {
            throw new ZarrFormatException("shape " + Arrays.toString(shape) + " and chunk shape "
                    + Arrays.toString(chunkShape) + " differ in dimensions");
        }
        for (int c : chunkShape) {
            if (c <= 0) {
                throw new ZarrFormatException("chunk shape must be positive, found " + Arrays.toString(chunkShape));
            }
        }
        // A sharded array is read one inner chunk at a time: the inner chunk is what must fit in memory.
        int[] readUnit = !codecs.isEmpty() && codecs.get(0) instanceof ShardingConfig s
                && s.chunkShape().length == chunkShape.length ? s.chunkShape() : chunkShape;
        checkSizes(shape, readUnit, dtype);
        if (!dimensionNames.isEmpty() && dimensionNames.size() != shape.length) {
            throw new ZarrFormatException("dimension_names " + dimensionNames + " do not match " + shape.length + " axes");
        }
        CodecPipeline.validateOrder(codecs);
    }

    /** The most bytes one decoded chunk may hold: one Java array. */
    public static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 8;
    /** Chunks above this size must not dwarf the array they belong to (see {@link #checkSizes}). */
    static final long LARGE_CHUNK_BYTES = 64L << 20;
    /** How many times the array's own element count a large chunk may hold. */
    static final long MAX_CHUNK_TO_ARRAY_RATIO = 64;

    /**
     * Rejects up front what no reader could honour: an element count past 2^63-1 (which would
     * wrap to negative sizes and endless loops), a chunk (for sharded arrays: an inner chunk)
     * larger than one Java array, and a chunk
     * of more than {@value #LARGE_CHUNK_BYTES} bytes holding more than
     * {@value #MAX_CHUNK_TO_ARRAY_RATIO} times the array's elements (every read would allocate the
     * whole chunk for a few values; no writer makes such chunks).
     */
    private static void checkSizes(long[] shape, int[] chunkShape, DType dtype) {
        long elements = 0;
        if (Arrays.stream(shape).noneMatch(s -> s == 0)) {
            elements = 1;
            for (long s : shape) {
                elements = multiplyOrMinus(elements, s);
                if (elements < 0) {
                    throw new ZarrFormatException("shape " + Arrays.toString(shape)
                            + " holds more than 2^63-1 elements; no array can be read");
                }
            }
        }
        long chunkElements = 1;
        for (int c : chunkShape) {
            chunkElements = multiplyOrMinus(chunkElements, c);
        }
        long chunkBytes = chunkElements < 0 ? -1 : multiplyOrMinus(chunkElements, dtype.byteSize());
        if (chunkBytes < 0 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new ZarrFormatException("chunk shape " + Arrays.toString(chunkShape) + " of " + dtype.numpyName()
                    + " holds more than " + MAX_CHUNK_BYTES + " bytes, the most one chunk may hold");
        }
        if (chunkBytes > LARGE_CHUNK_BYTES && chunkElements / MAX_CHUNK_TO_ARRAY_RATIO > Math.max(1, elements)) {
            throw new ZarrFormatException("chunk shape " + Arrays.toString(chunkShape) + " (" + chunkBytes
                    + " bytes) is far larger than the array's shape " + Arrays.toString(shape)
                    + "; rechunk the array to chunks no larger than it");
        }
    }

    private static long multiplyOrMinus(long a, long b) {
        long r = a * b;
        return Math.multiplyHigh(a, b) != 0 || r < 0 ? -1 : r;
    }

    /** Elements in the whole array (at most 2^63-1, checked at construction). */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunkShape() {
        return chunkShape.clone();
    }

    /** The grid of stored chunks (shards for sharded arrays). */
    public ChunkGrid storedGrid() {
        return new ChunkGrid(shape, chunkShape);
    }

    /** The spec of one stored chunk. */
    public ChunkSpec chunkSpec() {
        return new ChunkSpec(chunkShape, dtype, fillValue);
    }

    /** The sharding configuration when sharding is the first codec, else null. */
    public ShardingConfig leadingSharding() {
        return codecs.get(0) instanceof ShardingConfig s ? s : null;
    }

    // ---------------------------------------------------------------- v2

    /** Parses a {@code .zarray} document; {@code where} names it in errors. */
    public static ArrayMetadata parseV2(JsonNode z, String where) {
        int format = Json.integer(z, "zarr_format", -1, where);
        if (format != 2) {
            throw new ZarrFormatException(where + ": expected zarr_format 2, found " + z.get("zarr_format"));
        }
        long[] shape = Json.longs(z, "shape", where);
        int[] chunks = Json.ints(z, "chunks", where);
        JsonNode dt = Json.required(z, "dtype", where);
        if (!dt.isTextual()) {
            throw new ZarrFormatException(where + ": unsupported dtype " + dt + " (structured dtypes are not supported)");
        }
        DataTypes.V2Type type = DataTypes.parseV2(dt.asText(), where);
        String order = Json.text(z, "order", "C", where);
        if (!order.equals("C") && !order.equals("F")) {
            throw new ZarrFormatException(where + ": order must be 'C' or 'F', found '" + order + "'");
        }
        List<CodecConfig> codecs = new ArrayList<>();
        if (order.equals("F") && shape.length > 1) {
            codecs.add(TransposeConfig.fortran(shape.length));
        }
        codecs.add(new BytesConfig(type.littleEndian()));
        JsonNode filters = z.get("filters");
        if (filters != null && !filters.isNull() && !(filters.isArray() && filters.isEmpty())) {
            throw new ZarrFormatException(where + ": filters " + filters + " are not supported");
        }
        JsonNode compressor = z.get("compressor");
        if (compressor != null && !compressor.isNull()) {
            try {
                codecs.add(CodecRegistry.parseV2(compressor));
            } catch (ZarrFormatException e) {
                throw new ZarrFormatException(where + ": " + e.getMessage(), e);
            }
        }
        String sep = Json.text(z, "dimension_separator", ".", where);
        if (!sep.equals(".") && !sep.equals("/")) {
            throw new ZarrFormatException(where + ": dimension_separator must be '.' or '/', found '" + sep + "'");
        }
        FillValue fill = FillValueJson.parse(z.get("fill_value"), type.dtype(), where);
        try {
            return new ArrayMetadata(2, shape, chunks, type.dtype(), fill, codecs,
                    new ChunkKeyEncoding(true, sep.charAt(0)), List.of());
        } catch (ZarrFormatException e) {
            throw new ZarrFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** The {@code .zarray} document; fails when the codec chain has no v2 form. */
    public ObjectNode toV2Json() {
        ObjectNode z = Json.object();
        z.put("zarr_format", 2);
        z.set("shape", Json.longs(shape));
        z.set("chunks", Json.ints(chunkShape));
        int i = 0;
        String order = "C";
        if (codecs.get(0) instanceof TransposeConfig t) {
            if (!t.equals(TransposeConfig.fortran(shape.length))) {
                throw new ZarrFormatException("Zarr v2 cannot store transpose " + t + "; only full reversal (order F)");
            }
            order = "F";
            i++;
        }
        if (!(codecs.get(i) instanceof BytesConfig bytes)) {
            throw new ZarrFormatException("Zarr v2 cannot store codec '" + codecs.get(i).name() + "'");
        }
        i++;
        z.put("dtype", DataTypes.toV2(dtype, bytes.littleEndian()));
        if (i < codecs.size()) {
            z.set("compressor", codecs.get(i).v2Compressor());
            i++;
        } else {
            z.putNull("compressor");
        }
        if (i < codecs.size()) {
            throw new ZarrFormatException("Zarr v2 holds one compressor; codecs " + codecs + " have more");
        }
        FillValueJson.put(z, "fill_value", fillValue);
        z.put("order", order);
        z.putNull("filters");
        if (keyEncoding.separator() == '/') {
            z.put("dimension_separator", "/");
        }
        return z;
    }

    // ---------------------------------------------------------------- v3

    /** Parses a v3 array {@code zarr.json}; {@code where} names it in errors. */
    public static ArrayMetadata parseV3(JsonNode z, String where) {
        int format = Json.integer(z, "zarr_format", -1, where);
        if (format != 3) {
            throw new ZarrFormatException(where + ": expected zarr_format 3, found " + z.get("zarr_format"));
        }
        String nodeType = Json.text(z, "node_type", where);
        if (!nodeType.equals("array")) {
            throw new ZarrFormatException(where + ": expected node_type 'array', found '" + nodeType + "'");
        }
        checkExtensions(z, V3_ARRAY_FIELDS, where);
        long[] shape = Json.longs(z, "shape", where);
        JsonNode dt = Json.required(z, "data_type", where);
        if (!dt.isTextual()) {
            throw new ZarrFormatException(where + ": unsupported data_type " + dt);
        }
        DType dtype = DataTypes.parseV3(dt.asText(), where);
        JsonNode grid = Json.required(z, "chunk_grid", where);
        String gridName = Json.text(grid, "name", where);
        if (!gridName.equals("regular")) {
            throw new ZarrFormatException(where + ": unsupported chunk_grid '" + gridName + "'; expected 'regular'");
        }
        int[] chunks = Json.ints(Json.required(grid, "configuration", where), "chunk_shape", where);
        ChunkKeyEncoding keys = ChunkKeyEncoding.v3Default();
        JsonNode kenc = z.get("chunk_key_encoding");
        if (kenc != null) {
            String name = Json.text(kenc, "name", where);
            JsonNode conf = kenc.path("configuration");
            switch (name) {
                case "default" -> keys = new ChunkKeyEncoding(false, Json.text(conf, "separator", "/", where).charAt(0));
                case "v2" -> keys = new ChunkKeyEncoding(true, Json.text(conf, "separator", ".", where).charAt(0));
                default -> throw new ZarrFormatException(where + ": unknown chunk_key_encoding '" + name
                        + "'; expected 'default' or 'v2'");
            }
        }
        JsonNode st = z.get("storage_transformers");
        if (st != null && !(st.isArray() && st.isEmpty())) {
            throw new ZarrFormatException(where + ": storage_transformers " + st + " are not supported");
        }
        List<CodecConfig> codecs;
        try {
            codecs = CodecRegistry.parseV3List(Json.required(z, "codecs", where));
        } catch (ZarrFormatException e) {
            throw new ZarrFormatException(where + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        JsonNode dn = z.get("dimension_names");
        if (dn != null && dn.isArray()) {
            boolean any = false;
            for (JsonNode n : dn) {
                names.add(n.isNull() ? "" : n.asText());
                any |= !n.isNull();
            }
            if (!any) {
                names.clear();
            }
        }
        FillValue fill = FillValueJson.parse(z.get("fill_value"), dtype, where);
        try {
            return new ArrayMetadata(3, shape, chunks, dtype, fill, codecs, keys, names);
        } catch (ZarrFormatException e) {
            throw new ZarrFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** The fields of a v3 array document the specification defines. */
    static final java.util.Set<String> V3_ARRAY_FIELDS = java.util.Set.of("zarr_format", "node_type", "shape",
            "data_type", "chunk_grid", "chunk_key_encoding", "fill_value", "codecs", "attributes",
            "storage_transformers", "dimension_names");

    /**
     * Refuses fields of a v3 document that are not in {@code known}, as the specification demands
     * ("an implementation MUST fail to open arrays with unknown metadata fields, with the exception
     * of objects with a must_understand key set to false"), naming the first such field.
     */
    public static void checkExtensions(JsonNode z, java.util.Set<String> known, String where) {
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = z.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> f = it.next();
            if (known.contains(f.getKey())) {
                continue;
            }
            JsonNode mu = f.getValue().get("must_understand");
            if (f.getValue().isObject() && mu != null && mu.isBoolean() && !mu.booleanValue()) {
                continue;
            }
            throw new ZarrFormatException(where + ": unknown metadata field '" + f.getKey() + "'"
                    + (mu == null ? "" : " with must_understand " + mu)
                    + "; the Zarr v3 specification requires refusing fields this reader does not understand");
        }
    }

    /** The v3 {@code zarr.json} document with {@code attributes} (may be null). */
    public ObjectNode toV3Json(JsonNode attributes) {
        ObjectNode z = Json.object();
        z.put("zarr_format", 3);
        z.put("node_type", "array");
        z.set("shape", Json.longs(shape));
        z.put("data_type", dtype.numpyName());
        ObjectNode grid = z.putObject("chunk_grid").put("name", "regular");
        grid.putObject("configuration").set("chunk_shape", Json.ints(chunkShape));
        ObjectNode kenc = z.putObject("chunk_key_encoding").put("name", keyEncoding.name());
        kenc.putObject("configuration").put("separator", String.valueOf(keyEncoding.separator()));
        FillValueJson.put(z, "fill_value", fillValue);
        z.set("codecs", ShardingConfig.toJson(codecs));
        z.set("attributes", attributes == null ? Json.object() : attributes.deepCopy());
        if (!dimensionNames.isEmpty()) {
            ArrayNode dn = z.putArray("dimension_names");
            dimensionNames.forEach(dn::add);
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayMetadata m && zarrFormat == m.zarrFormat && Arrays.equals(shape, m.shape)
                && Arrays.equals(chunkShape, m.chunkShape) && dtype == m.dtype && fillValue.equals(m.fillValue)
                && codecs.equals(m.codecs) && keyEncoding.equals(m.keyEncoding)
                && dimensionNames.equals(m.dimensionNames);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(chunkShape) * 17 + codecs.hashCode() + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "ArrayMetadata[v" + zarrFormat + ", " + dtype.numpyName() + Arrays.toString(shape) + " chunks "
                + Arrays.toString(chunkShape) + ", codecs " + codecs.stream().map(CodecConfig::name).toList() + "]";
    }
}
