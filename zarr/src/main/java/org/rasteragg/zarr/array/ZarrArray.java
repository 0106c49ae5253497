package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.CodecPipeline;
import org.rasteragg.zarr.codec.ShardingCodec;
import org.rasteragg.zarr.codec.Strided;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreIOException;

/**
 * A Zarr v2 or v3 array read lazily, one chunk per {@link #readChunk} call, nothing buffered.
 *
 * <p>The chunk grid this array exposes is the stored chunk grid, except for arrays whose first
 * codec is {@code sharding_indexed}: there it is the inner chunk grid, and each read fetches only
 * the shard index and the one inner chunk (range reads), so shards of any size stay cheap. When
 * bytes-to-bytes codecs follow {@code sharding_indexed} (they wrap the whole shard), each read
 * fetches and unwraps the whole shard instead.
 *
 * <p>No read takes more bytes than the chunk can legitimately hold encoded
 * ({@link CodecPipeline#maxEncodedSize()}), so a stray huge file in a chunk's place is refused.
 *
 * <p>Thread-safe: {@link #readChunk} may run concurrently with distinct destination buffers (the
 * store must allow concurrent reads, as every {@link Store} does). The only mutable state is a
 * bounded cache of decoded shard indexes (a concurrent map); do not rewrite a shard with one of the
 * same size while an open array reads it.
 */
public final class ZarrArray implements ChunkedArray {

    private final Store store;
    private final String path;
    private final ArrayMetadata metadata;
    private final ObjectNode attributes;
    private final ChunkGrid grid;
    private final CodecPipeline pipeline;
    private final ShardingCodec sharding;
    private final int[] chunksPerShard;
    /** Whether bytes-to-bytes codecs follow {@code sharding_indexed}, wrapping each whole shard. */
    private final boolean shardWrapped;
    /**
     * Decoded shard indexes by shard key, so that reading the inner chunks of one shard reads its
     * index once. Entries remember the shard's size and are dropped when it differs; the map is
     * cleared when it grows past {@link #INDEX_CACHE_LIMIT} (bounded memory, no eviction order needed).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, ShardIndex> shardIndexes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int INDEX_CACHE_LIMIT = 1024;

    private record ShardIndex(long shardSize, long[] entries) {
    }

    ZarrArray(Store store, String path, ArrayMetadata metadata, ObjectNode attributes) {
        this.store = store;
        this.path = path;
        this.metadata = metadata;
        this.attributes = attributes.deepCopy();
        try {
            this.pipeline = CodecPipeline.build(metadata.codecs(), metadata.chunkSpec());
        } catch (ZarrFormatException e) {
            throw new ZarrFormatException(description() + ": " + e.getMessage(), e);
        }
        if (metadata.leadingSharding() != null) {
            sharding = (ShardingCodec) pipeline.arrayBytesCodec();
            chunksPerShard = sharding.chunksPerShard();
            shardWrapped = !pipeline.bytesBytesCodecs().isEmpty();
            grid = new ChunkGrid(metadata.shape(), metadata.leadingSharding().chunkShape());
        } else {
            sharding = null;
            chunksPerShard = null;
            shardWrapped = false;
            grid = metadata.storedGrid();
        }
    }

    /** Opens the array at {@code path} of {@code store}; see {@link org.rasteragg.zarr.Zarr#open}. */
    public static ZarrArray open(Store store, String path) {
        ObjectNode v3 = Nodes.readDocument(store, Store.join(path, "zarr.json"));
        if (v3 != null) {
            String where = Nodes.where(store, Store.join(path, "zarr.json"));
            ArrayMetadata m = ArrayMetadata.parseV3(v3, where);
            ObjectNode attrs = v3.get("attributes") instanceof ObjectNode o ? o : Json.object();
            return new ZarrArray(store, path, m, attrs);
        }
        ObjectNode v2 = Nodes.readDocument(store, Store.join(path, ".zarray"));
        if (v2 != null) {
            ArrayMetadata m = ArrayMetadata.parseV2(v2, Nodes.where(store, Store.join(path, ".zarray")));
            ObjectNode attrs = Nodes.attributes(store, path);
            return new ZarrArray(store, path, withXarrayDimensions(m, attrs), attrs);
        }
        throw Nodes.missing(store, path, "array");
    }

    /** v2 has no dimension names; xarray and OME-Zarr writers keep them in {@code _ARRAY_DIMENSIONS}. */
    private static ArrayMetadata withXarrayDimensions(ArrayMetadata m, ObjectNode attrs) {
        JsonNode dims = attrs.get("_ARRAY_DIMENSIONS");
        if (dims == null || !dims.isArray() || dims.size() != m.shape().length) {
            return m;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode d : dims) {
            if (!d.isTextual()) {
                return m;
            }
            names.add(d.asText());
        }
        return new ArrayMetadata(m.zarrFormat(), m.shape(), m.chunkShape(), m.dtype(), m.fillValue(), m.codecs(),
                m.keyEncoding(), names);
    }

    public Store store() {
        return store;
    }

    public String path() {
        return path;
    }

    public ArrayMetadata metadata() {
        return metadata;
    }

    /** The array's attributes (a copy). */
    public ObjectNode attributes() {
        return attributes.deepCopy();
    }

    @Override
    public DType dtype() {
        return metadata.dtype();
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    /** Whether chunks are inner chunks of shards. */
    public boolean isSharded() {
        return sharding != null;
    }

    /** The store key of the stored chunk (or shard) holding chunk {@code gridPosition}. */
    public String chunkKey(long[] gridPosition) {
        long[] stored = gridPosition;
        if (sharding != null) {
            stored = new long[gridPosition.length];
            for (int d = 0; d < stored.length; d++) {
                stored[d] = gridPosition[d] / chunksPerShard[d];
            }
        }
        return Store.join(path, metadata.keyEncoding().key(stored));
    }

    @Override
    public void readChunk(long[] gridPosition, Object destination) {
        decodeChunk(gridPosition, fetchChunk(gridPosition), destination);
    }

    /**
     * The I/O half of {@link #readChunk}: the encoded bytes of chunk {@code gridPosition} as stored
     * (for a sharded array, the inner chunk's bytes read by range), or null where the chunk is absent
     * and reads as the fill value. A prefetcher calls this ahead of the reads, on its own threads.
     */
    public byte[] fetchChunk(long[] gridPosition) {
        checkPosition(gridPosition);
        String key = chunkKey(gridPosition);
        try {
            if (sharding == null) {
                return store.get(key, pipeline.maxEncodedSize());
            }
            return shardWrapped ? fetchInnerChunkOfWrappedShard(gridPosition, key) : fetchInnerChunk(gridPosition, key);
        } catch (StoreIOException e) {
            throw new StoreIOException(context(key) + ": " + e.getMessage(), e);
        } catch (ZarrException e) {
            throw new ZarrFormatException(context(key) + ": " + e.getMessage(), e);
        }
    }

    /** The CPU half of {@link #readChunk}: decodes what {@link #fetchChunk} returned into {@code destination}. */
    public void decodeChunk(long[] gridPosition, byte[] encoded, Object destination) {
        checkPosition(gridPosition);
        int need = grid.chunkElements();
        if (!metadata.dtype().isBufferOf(destination) || DType.bufferLength(destination) < need) {
            throw new IllegalArgumentException(description() + ": destination must be a "
                    + metadata.dtype().numpyName() + " buffer of at least " + need + " elements, found "
                    + destination.getClass().getSimpleName() + "[" + DType.bufferLength(destination) + "]");
        }
        if (encoded == null) {
            metadata.fillValue().fill(destination, 0, need);
            return;
        }
        String key = chunkKey(gridPosition);
        try {
            if (sharding == null) {
                pipeline.decode(encoded, destination);
            } else {
                decodeInner(innerIndex(gridPosition), gridPosition, encoded, destination);
            }
        } catch (ZarrException e) {
            throw new ZarrFormatException(context(key) + ": " + e.getMessage(), e);
        }
        // Any other exception is a bug of this module (see ZarrException), never blamed on the chunk.
    }

    private byte[] fetchInnerChunk(long[] gridPosition, String key) {
        ShardIndex shard = shardIndex(key);
        if (shard == null) {
            return null;
        }
        int inner = innerIndex(gridPosition);
        long offset = shard.entries()[2 * inner];
        long nbytes = shard.entries()[2 * inner + 1];
        if (!ShardingCodec.present(offset, nbytes, shard.shardSize(), inner)) {
            return null;
        }
        checkInnerSize(inner, gridPosition, nbytes);
        return store.getRange(key, offset, (int) nbytes);
    }

    /** The decoded index of the shard at {@code key}, read once per shard; null for an absent shard. */
    private ShardIndex shardIndex(String key) {
        long shardSize;
        ShardIndex cached = shardIndexes.get(key);
        int indexSize = sharding.indexByteSize();
        byte[] indexBytes;
        if (cached != null || !sharding.indexAtEnd()) {
            shardSize = store.size(key);
            if (shardSize < 0) {
                return null;
            }
            if (cached != null && cached.shardSize() == shardSize) {
                return cached;
            }
            checkShardHoldsIndex(shardSize, indexSize);
            long indexOffset = sharding.indexAtEnd() ? shardSize - indexSize : 0;
            indexBytes = store.getRange(key, indexOffset, indexSize);
        } else {
            // One suffix read gives both the index and the shard's size (one request on remote stores).
            Store.Tail tail = store.getTail(key, indexSize);
            if (tail == null) {
                return null;
            }
            shardSize = tail.valueSize();
            checkShardHoldsIndex(shardSize, indexSize);
            indexBytes = tail.bytes();
        }
        if (indexBytes == null) {
            return null;
        }
        ShardIndex index = new ShardIndex(shardSize, sharding.decodeIndex(indexBytes));
        if (shardIndexes.size() >= INDEX_CACHE_LIMIT) {
            shardIndexes.clear();
        }
        shardIndexes.put(key, index);
        return index;
    }

    private static void checkShardHoldsIndex(long shardSize, int indexSize) {
        if (shardSize < indexSize) {
            throw new ZarrFormatException("shard of " + shardSize + " bytes cannot hold its index of " + indexSize
                    + " bytes");
        }
    }

    /**
     * A shard wrapped in bytes-to-bytes codecs ({@code [sharding_indexed, gzip]}: the gzip applies to
     * the whole shard, index included) cannot be read by ranges: the whole shard is read and
     * unwrapped, then its index and the one inner chunk are taken from the unwrapped bytes.
     */
    private byte[] fetchInnerChunkOfWrappedShard(long[] gridPosition, String key) {
        byte[] stored = store.get(key, pipeline.maxEncodedSize());
        if (stored == null) {
            return null;
        }
        byte[] shard = pipeline.decodeBytesStages(stored);
        int indexSize = sharding.indexByteSize();
        if (shard.length < indexSize) {
            throw new ZarrFormatException("shard of " + shard.length + " bytes (unwrapped) cannot hold its index of "
                    + indexSize + " bytes");
        }
        int indexOffset = sharding.indexAtEnd() ? shard.length - indexSize : 0;
        long[] index = sharding.decodeIndex(Arrays.copyOfRange(shard, indexOffset, indexOffset + indexSize));
        int inner = innerIndex(gridPosition);
        long offset = index[2 * inner];
        long nbytes = index[2 * inner + 1];
        if (!ShardingCodec.present(offset, nbytes, shard.length, inner)) {
            return null;
        }
        checkInnerSize(inner, gridPosition, nbytes);
        return Arrays.copyOfRange(shard, (int) offset, (int) (offset + nbytes));
    }

    private int innerIndex(long[] gridPosition) {
        int inner = 0;
        for (int d = 0; d < gridPosition.length; d++) {
            inner = inner * chunksPerShard[d] + (int) (gridPosition[d] % chunksPerShard[d]);
        }
        return inner;
    }

    private void checkInnerSize(int inner, long[] gridPosition, long nbytes) {
        long cap = sharding.innerPipeline().maxEncodedSize();
        if (nbytes > cap) {
            throw new ZarrFormatException("inner chunk " + inner + " " + Arrays.toString(innerPosition(gridPosition))
                    + ": index says " + nbytes + " bytes, more than the " + cap + " it can legitimately hold");
        }
    }

    private void decodeInner(int inner, long[] gridPosition, byte[] bytes, Object destination) {
        try {
            sharding.innerPipeline().decode(bytes, destination);
        } catch (ZarrException e) {
            throw new ZarrFormatException("inner chunk " + inner + " " + Arrays.toString(innerPosition(gridPosition))
                    + ": " + e.getMessage(), e);
        }
    }

    private int[] innerPosition(long[] gridPosition) {
        int[] p = new int[gridPosition.length];
        for (int d = 0; d < p.length; d++) {
            p[d] = (int) (gridPosition[d] % chunksPerShard[d]);
        }
        return p;
    }

    private void checkPosition(long[] gridPosition) {
        if (gridPosition.length != grid.ndim()) {
            throw new IndexOutOfBoundsException(description() + ": chunk position " + Arrays.toString(gridPosition)
                    + " has " + gridPosition.length + " axes, the array " + grid.ndim());
        }
        for (int d = 0; d < gridPosition.length; d++) {
            if (gridPosition[d] < 0 || gridPosition[d] >= grid.gridExtent(d)) {
                throw new IndexOutOfBoundsException(description() + ": chunk " + Arrays.toString(gridPosition)
                        + " outside grid " + Arrays.toString(grid.gridShape()));
            }
        }
    }

    private String context(String key) {
        return "store " + store.description() + ", array '" + path + "', chunk key '" + key + "'";
    }

    /** The chunk spec of one chunk of {@link #grid()}. */
    public ChunkSpec chunkSpec() {
        return new ChunkSpec(grid.chunkShape(), metadata.dtype(), metadata.fillValue());
    }

    /**
     * Reads the whole array into one C-order primitive array: for tests and small arrays only
     * (fails above 2^31 elements).
     */
    public Object readAll() {
        long n = grid.elementCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new ZarrException(description() + ": " + n + " elements do not fit one Java array");
        }
        Object out = metadata.dtype().allocate((int) n);
        int ndim = grid.ndim();
        long[] shape = grid.shape();
        int[] outStrides = new int[ndim];
        int acc = 1;
        for (int d = ndim - 1; d >= 0; d--) {
            outStrides[d] = acc;
            acc *= (int) shape[d];
        }
        int[] chunk = grid.chunkShape();
        int[] chunkStrides = Strided.cStrides(chunk);
        Object buffer = metadata.dtype().allocate(grid.chunkElements());
        long[] pos = new long[ndim];
        long total = grid.chunkCount();
        for (long c = 0; c < total; c++) {
            readChunk(pos, buffer);
            int[] extent = new int[ndim];
            int offset = 0;
            for (int d = 0; d < ndim; d++) {
                extent[d] = grid.validExtent(pos, d);
                offset += (int) (pos[d] * chunk[d]) * outStrides[d];
            }
            Strided.copy(buffer, 0, chunkStrides, out, offset, outStrides, extent);
            for (int d = ndim - 1; d >= 0; d--) {
                if (++pos[d] < grid.gridExtent(d)) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return out;
    }

    @Override
    public String description() {
        return store.description() + (path.isEmpty() ? "" : "/" + path);
    }

    @Override
    public String toString() {
        return "ZarrArray[" + description() + ", " + metadata + "]";
    }
}
