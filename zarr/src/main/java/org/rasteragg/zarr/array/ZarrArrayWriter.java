package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.codec.BytesConfig;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.CodecPipeline;
import org.rasteragg.zarr.codec.Crc32cConfig;
import org.rasteragg.zarr.codec.FillValue;
import org.rasteragg.zarr.codec.ShardingConfig;
import org.rasteragg.zarr.codec.Strided;
import org.rasteragg.zarr.codec.TransposeConfig;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.store.Store;

/**
 * Creates a Zarr v2 or v3 array and writes its chunks. Build one with {@link #builder}; the
 * metadata is written by {@link Builder#create()}.
 *
 * <p>The unit of {@link #writeChunk} is the stored chunk: the chunk for plain arrays, the whole
 * shard for sharded v3 arrays. Buffers are full-size, C order; for edge chunks the part outside
 * the array should hold the fill value (zarr-python writes it so). Thread-safe: distinct chunks may
 * be written concurrently (each chunk is one atomic store put).
 */
public final class ZarrArrayWriter {

    private final Store store;
    private final String path;
    private final ArrayMetadata metadata;
    private final CodecPipeline pipeline;

    private ZarrArrayWriter(Store store, String path, ArrayMetadata metadata) {
        this.store = store;
        this.path = path;
        this.metadata = metadata;
        this.pipeline = CodecPipeline.build(metadata.codecs(), metadata.chunkSpec());
    }

    /** Starts the definition of an array at {@code path} of {@code store}. */
    public static Builder builder(Store store, String path) {
        return new Builder(store, path);
    }

    public ArrayMetadata metadata() {
        return metadata;
    }

    /** The grid of write units (chunks, or shards for sharded arrays). */
    public ChunkGrid writeGrid() {
        return metadata.storedGrid();
    }

    /** Encodes and stores the chunk (or shard) at {@code gridPosition}. */
    public void writeChunk(long[] gridPosition, Object buffer) {
        ChunkGrid g = writeGrid();
        for (int d = 0; d < gridPosition.length; d++) {
            if (gridPosition[d] < 0 || gridPosition[d] >= g.gridExtent(d)) {
                throw new IndexOutOfBoundsException(store.description() + "/" + path + ": chunk "
                        + Arrays.toString(gridPosition) + " outside grid " + Arrays.toString(g.gridShape()));
            }
        }
        if (!metadata.dtype().isBufferOf(buffer) || DType.bufferLength(buffer) < g.chunkElements()) {
            throw new IllegalArgumentException("chunk buffer must be a " + metadata.dtype().numpyName()
                    + " array of " + g.chunkElements() + " elements");
        }
        store.put(Store.join(path, metadata.keyEncoding().key(gridPosition)), pipeline.encode(buffer));
    }

    /** Writes a whole array given in C order (small arrays: tests, tables, demo data). */
    public void writeAll(Object data) {
        ChunkGrid g = writeGrid();
        long n = g.elementCount();
        if (DType.bufferLength(data) != n) {
            throw new IllegalArgumentException("data holds " + DType.bufferLength(data) + " elements, shape "
                    + Arrays.toString(g.shape()) + " needs " + n);
        }
        int ndim = g.ndim();
        long[] shape = g.shape();
        int[] dataStrides = new int[ndim];
        int acc = 1;
        for (int d = ndim - 1; d >= 0; d--) {
            dataStrides[d] = acc;
            acc *= (int) shape[d];
        }
        int[] chunk = g.chunkShape();
        int[] chunkStrides = Strided.cStrides(chunk);
        Object buffer = metadata.dtype().allocate(g.chunkElements());
        long[] pos = new long[ndim];
        long total = g.chunkCount();
        for (long c = 0; c < total; c++) {
            int[] extent = new int[ndim];
            int offset = 0;
            boolean partial = false;
            for (int d = 0; d < ndim; d++) {
                extent[d] = g.validExtent(pos, d);
                partial |= extent[d] < chunk[d];
                offset += (int) (pos[d] * chunk[d]) * dataStrides[d];
            }
            if (partial) {
                metadata.fillValue().fill(buffer);
            }
            Strided.copy(data, offset, dataStrides, buffer, 0, chunkStrides, extent);
            writeChunk(pos.clone(), buffer);
            for (int d = ndim - 1; d >= 0; d--) {
                if (++pos[d] < g.gridExtent(d)) {
                    break;
                }
                pos[d] = 0;
            }
        }
    }

    /** Opens the written array for reading. */
    public ZarrArray open() {
        return ZarrArray.open(store, path);
    }

    /** The definition of a new array. Not thread-safe; use from one thread, then {@link #create()}. */
    public static final class Builder {
        private final Store store;
        private final String path;
        private int zarrFormat = 3;
        private long[] shape;
        private int[] chunks;
        private int[] shards;
        private DType dtype;
        private CodecConfig compressor;
        private double fill = 0;
        private List<String> dimensionNames = List.of();
        private JsonNode attributes;
        private boolean fortranOrder;
        private boolean littleEndian = true;
        private Character separator;
        private boolean overwrite;
        private List<CodecConfig> explicitCodecs;
        private ChunkKeyEncoding keyEncoding;

        private Builder(Store store, String path) {
            this.store = store;
            this.path = path;
        }

        /** 2 or 3 (default 3). */
        public Builder zarrFormat(int format) {
            this.zarrFormat = format;
            return this;
        }

        public Builder shape(long... shape) {
            this.shape = shape.clone();
            return this;
        }

        /** Chunk shape (inner chunk shape when sharded). */
        public Builder chunks(int... chunks) {
            this.chunks = chunks.clone();
            return this;
        }

        /** v3 only: group chunks into shards of this shape (a multiple of the chunk shape). */
        public Builder shards(int... shards) {
            this.shards = shards.clone();
            return this;
        }

        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        /** A bytes-to-bytes codec (BloscConfig, ZstdConfig, GzipConfig...), or null for none. */
        public Builder compressor(CodecConfig compressor) {
            this.compressor = compressor;
            return this;
        }

        public Builder fillValue(double fill) {
            this.fill = fill;
            return this;
        }

        public Builder dimensionNames(List<String> names) {
            this.dimensionNames = List.copyOf(names);
            return this;
        }

        public Builder attributes(JsonNode attributes) {
            this.attributes = attributes == null ? null : attributes.deepCopy();
            return this;
        }

        /** Store chunks in Fortran order (v2 order F; v3 a transpose codec). */
        public Builder fortranOrder(boolean fortran) {
            this.fortranOrder = fortran;
            return this;
        }

        public Builder littleEndian(boolean little) {
            this.littleEndian = little;
            return this;
        }

        /** Chunk key separator: '/' or '.' (default: v2 '.', v3 '/'). */
        public Builder separator(char separator) {
            this.separator = separator;
            return this;
        }

        /**
         * v3: the exact codec chain, replacing what compressor/shards/order/byte order would build
         * (for codecs those options cannot express, e.g. a shard index at the start). With it,
         * {@link #chunks} is the stored chunk shape: the shard shape when the chain shards.
         */
        public Builder codecs(List<CodecConfig> codecs) {
            this.explicitCodecs = List.copyOf(codecs);
            return this;
        }

        /** The chunk key encoding, replacing the format's default and {@link #separator}. */
        public Builder keyEncoding(ChunkKeyEncoding encoding) {
            this.keyEncoding = encoding;
            return this;
        }

        /** Replace an existing node at the path (default: refuse). */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Validates, writes the metadata (and removes old chunks when overwriting) and returns the writer. */
        public ZarrArrayWriter create() {
            if (shape == null || dtype == null) {
                throw new IllegalArgumentException("shape and dtype are required");
            }
            int[] chunkShape = chunks != null ? chunks : defaultChunks(shape);
            List<CodecConfig> inner = new ArrayList<>();
            if (fortranOrder && shape.length > 1) {
                inner.add(TransposeConfig.fortran(shape.length));
            }
            // The byte order of 1-byte types is moot; v2 writes '|' and reads it back as little.
            inner.add(new BytesConfig(littleEndian || dtype.byteSize() == 1));
            if (compressor != null) {
                // v3 states blosc's typesize (zarr-python does); v2's numcodecs config has none.
                inner.add(compressor instanceof BloscConfig b && zarrFormat == 3
                        ? b.forSpec(new ChunkSpec(chunkShape, dtype, FillValue.zero(dtype)))
                        : compressor);
            }
            List<CodecConfig> codecs = inner;
            int[] stored = chunkShape;
            if (shards != null) {
                if (zarrFormat != 3) {
                    throw new IllegalArgumentException("sharding needs Zarr v3");
                }
                codecs = List.of(new ShardingConfig(chunkShape, inner,
                        List.of(new BytesConfig(true), new Crc32cConfig()), true));
                stored = shards;
            }
            if (explicitCodecs != null) {
                codecs = explicitCodecs;
                stored = chunkShape;
            }
            char sep = separator != null ? separator : zarrFormat == 2 ? '.' : '/';
            ChunkKeyEncoding keys = keyEncoding != null ? keyEncoding : new ChunkKeyEncoding(zarrFormat == 2, sep);
            ArrayMetadata m = new ArrayMetadata(zarrFormat, shape, stored, dtype, FillValue.of(dtype, fill), codecs,
                    keys, dimensionNames);
            if (Nodes.kind(store, path) != Nodes.Kind.NONE || !store.list(path.isEmpty() ? "" : path + "/").isEmpty()) {
                if (!overwrite) {
                    throw new ZarrException(store.description() + ": '" + path
                            + "' already exists; pass overwrite(true) to replace it");
                }
                store.delete(path);
            }
            ZarrArrayWriter w = new ZarrArrayWriter(store, path, m);
            if (zarrFormat == 3) {
                store.put(Store.join(path, "zarr.json"), Json.bytes(m.toV3Json(attributes)));
            } else {
                store.put(Store.join(path, ".zarray"), Json.bytes(m.toV2Json()));
                // v2 has no dimension_names; xarray's _ARRAY_DIMENSIONS attribute carries them.
                ObjectNode attrs = attributes instanceof ObjectNode o ? o.deepCopy() : Json.object();
                if (!dimensionNames.isEmpty() && !attrs.has("_ARRAY_DIMENSIONS")) {
                    attrs.set("_ARRAY_DIMENSIONS", Json.strings(dimensionNames));
                }
                store.put(Store.join(path, ".zattrs"), Json.bytes(attrs));
            }
            return w;
        }

        private static int[] defaultChunks(long[] shape) {
            int[] c = new int[shape.length];
            for (int d = 0; d < c.length; d++) {
                c[d] = (int) Math.max(1, Math.min(shape[d], d >= shape.length - 2 ? 1024 : 1));
            }
            return c;
        }
    }
}
