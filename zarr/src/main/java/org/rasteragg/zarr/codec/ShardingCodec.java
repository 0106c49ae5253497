package org.rasteragg.zarr.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.OptionalLong;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * Runtime {@code sharding_indexed} codec for one shard spec. A shard is the inner chunks' encoded
 * bytes followed (or preceded) by an index: for each inner chunk, in C order over the grid of inner
 * chunks in the shard, a (offset, nbytes) pair of uint64, both 2^64-1 for an absent chunk (which
 * reads as the fill value), encoded with the index codecs (by default bytes little-endian then
 * crc32c). Immutable and thread-safe. Readers that want one inner chunk without the whole shard use
 * {@link #indexByteSize()}, {@link #decodeIndex} and {@link #innerPipeline()} directly.
 */
public final class ShardingCodec implements ArrayBytesCodec {

    /** The index marker of an absent inner chunk. */
    public static final long ABSENT = -1L;

    private final ShardingConfig config;
    private final ChunkSpec shardSpec;
    private final int[] chunksPerShard;
    private final int innerCount;
    private final CodecPipeline inner;
    private final CodecPipeline index;
    private final int indexSize;

    ShardingCodec(ShardingConfig config, ChunkSpec shardSpec) {
        this.config = config;
        this.shardSpec = shardSpec;
        int[] shard = shardSpec.shape();
        int[] chunk = config.chunkShape();
        if (shard.length != chunk.length) {
            throw new ZarrFormatException("sharding_indexed: inner chunk shape " + Arrays.toString(chunk)
                    + " has " + chunk.length + " axes but the shard " + Arrays.toString(shard) + " has " + shard.length);
        }
        chunksPerShard = new int[shard.length];
        int count = 1;
        for (int d = 0; d < shard.length; d++) {
            if (chunk[d] <= 0 || shard[d] % chunk[d] != 0) {
                throw new ZarrFormatException("sharding_indexed: shard shape " + Arrays.toString(shard)
                        + " is not divisible by inner chunk shape " + Arrays.toString(chunk));
            }
            chunksPerShard[d] = shard[d] / chunk[d];
            count *= chunksPerShard[d];
        }
        innerCount = count;
        inner = CodecPipeline.build(config.codecs(), shardSpec.withShape(chunk));
        int[] indexShape = Arrays.copyOf(chunksPerShard, shard.length + 1);
        indexShape[shard.length] = 2;
        index = CodecPipeline.build(config.indexCodecs(), new ChunkSpec(indexShape, DType.UINT64,
                new FillValue(DType.UINT64, ABSENT)));
        OptionalLong size = index.fixedEncodedSize();
        if (size.isEmpty()) {
            throw new ZarrFormatException("sharding_indexed: index codecs " + config.indexCodecs().stream()
                    .map(CodecConfig::name).toList() + " do not give a fixed index size; use bytes and crc32c");
        }
        indexSize = (int) size.getAsLong();
    }

    @Override
    public ShardingConfig config() {
        return config;
    }

    @Override
    public ChunkSpec inputSpec() {
        return shardSpec;
    }

    /** Inner chunks along each axis of a shard. */
    public int[] chunksPerShard() {
        return chunksPerShard.clone();
    }

    /** Inner chunks in one shard. */
    public int innerChunkCount() {
        return innerCount;
    }

    /** The pipeline of one inner chunk. */
    public CodecPipeline innerPipeline() {
        return inner;
    }

    /** Encoded size of the index in bytes. */
    public int indexByteSize() {
        return indexSize;
    }

    public boolean indexAtEnd() {
        return config.indexAtEnd();
    }

    /** Decodes index bytes into {offset0, nbytes0, offset1, ...} in C order of inner chunks. */
    public long[] decodeIndex(byte[] indexBytes) {
        if (indexBytes.length != indexSize) {
            throw new ZarrFormatException("sharding_indexed: index of " + indexBytes.length + " bytes, expected "
                    + indexSize);
        }
        long[] entries = new long[2 * innerCount];
        index.decode(indexBytes, entries);
        return entries;
    }

    /**
     * Checks an index entry against the shard length; returns false for an absent chunk.
     *
     * @throws ZarrFormatException when the entry points outside the shard
     */
    public static boolean present(long offset, long nbytes, long shardLength, int chunkIndex) {
        if (offset == ABSENT && nbytes == ABSENT) {
            return false;
        }
        if (offset < 0 || nbytes < 0 || nbytes > Integer.MAX_VALUE || offset + nbytes > shardLength) {
            throw new ZarrFormatException("sharding_indexed: inner chunk " + chunkIndex + " at offset "
                    + Long.toUnsignedString(offset) + " with " + Long.toUnsignedString(nbytes)
                    + " bytes lies outside the shard of " + shardLength + " bytes");
        }
        return true;
    }

    @Override
    public void decode(byte[] shard, Object destination) {
        if (shard.length < indexSize) {
            throw new ZarrFormatException("sharding_indexed: shard of " + shard.length
                    + " bytes cannot hold its index of " + indexSize + " bytes");
        }
        int indexOffset = config.indexAtEnd() ? shard.length - indexSize : 0;
        long[] entries = decodeIndex(Arrays.copyOfRange(shard, indexOffset, indexOffset + indexSize));
        int[] shardStrides = Strided.cStrides(shardSpec.shape());
        int[] innerShape = config.chunkShape();
        int[] innerStrides = Strided.cStrides(innerShape);
        Object tmp = inner.spec().allocate();
        Object fill = null;
        int[] pos = new int[chunksPerShard.length];
        for (int c = 0; c < innerCount; c++) {
            int offset = 0;
            for (int d = 0; d < pos.length; d++) {
                offset += pos[d] * innerShape[d] * shardStrides[d];
            }
            Object source;
            if (present(entries[2 * c], entries[2 * c + 1], shard.length, c)) {
                int start = (int) entries[2 * c];
                inner.decode(Arrays.copyOfRange(shard, start, start + (int) entries[2 * c + 1]), tmp);
                source = tmp;
            } else {
                if (fill == null) {
                    fill = inner.spec().allocate();
                    shardSpec.fillValue().fill(fill);
                }
                source = fill;
            }
            Strided.copy(source, 0, innerStrides, destination, offset, shardStrides, innerShape);
            for (int d = pos.length - 1; d >= 0; d--) {
                if (++pos[d] < chunksPerShard[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
    }

    @Override
    public byte[] encode(Object shard) {
        int[] shardStrides = Strided.cStrides(shardSpec.shape());
        int[] innerShape = config.chunkShape();
        int[] innerStrides = Strided.cStrides(innerShape);
        Object tmp = inner.spec().allocate();
        long[] entries = new long[2 * innerCount];
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long base = config.indexAtEnd() ? 0 : indexSize;
        int[] pos = new int[chunksPerShard.length];
        for (int c = 0; c < innerCount; c++) {
            int offset = 0;
            for (int d = 0; d < pos.length; d++) {
                offset += pos[d] * innerShape[d] * shardStrides[d];
            }
            Strided.copy(shard, offset, shardStrides, tmp, 0, innerStrides, innerShape);
            if (shardSpec.fillValue().fillsAll(tmp)) {
                // Inner chunks equal to the fill value are left out, as zarr-python does.
                entries[2 * c] = ABSENT;
                entries[2 * c + 1] = ABSENT;
            } else {
                byte[] enc = inner.encode(tmp);
                entries[2 * c] = base + data.size();
                entries[2 * c + 1] = enc.length;
                data.writeBytes(enc);
            }
            for (int d = pos.length - 1; d >= 0; d--) {
                if (++pos[d] < chunksPerShard[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        byte[] idx = index.encode(entries);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.size() + idx.length);
        if (!config.indexAtEnd()) {
            out.writeBytes(idx);
        }
        out.writeBytes(data.toByteArray());
        if (config.indexAtEnd()) {
            out.writeBytes(idx);
        }
        return out.toByteArray();
    }
}
