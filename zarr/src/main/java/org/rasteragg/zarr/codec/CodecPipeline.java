package org.rasteragg.zarr.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * A validated chain of codecs for one chunk spec: any array-to-array stages, exactly one
 * array-to-bytes stage, then any bytes-to-bytes stages (the Zarr v3 order). Decoding runs the
 * chain backwards. Immutable and thread-safe; buffers are allocated per call.
 */
public final class CodecPipeline {

    private final ChunkSpec spec;
    private final List<ArrayArrayCodec> arrayArray;
    private final ArrayBytesCodec arrayBytes;
    private final List<BytesBytesCodec> bytesBytes;
    private final List<CodecConfig> configs;

    private CodecPipeline(ChunkSpec spec, List<ArrayArrayCodec> aa, ArrayBytesCodec ab, List<BytesBytesCodec> bb,
            List<CodecConfig> configs) {
        this.spec = spec;
        this.arrayArray = List.copyOf(aa);
        this.arrayBytes = ab;
        this.bytesBytes = List.copyOf(bb);
        this.configs = List.copyOf(configs);
    }

    /**
     * Validates the stage order and builds every codec for the spec it will see.
     *
     * @throws ZarrFormatException naming the offending codec when the order is wrong or a codec
     *     cannot handle its input spec
     */
    public static CodecPipeline build(List<CodecConfig> configs, ChunkSpec spec) {
        validateOrder(configs);
        List<ArrayArrayCodec> aa = new ArrayList<>();
        List<BytesBytesCodec> bb = new ArrayList<>();
        ArrayBytesCodec ab = null;
        ChunkSpec current = spec;
        for (CodecConfig c : configs) {
            Codec codec = c.create(current);
            if (codec instanceof ArrayArrayCodec a) {
                aa.add(a);
                current = a.encodedSpec();
            } else if (codec instanceof ArrayBytesCodec b) {
                ab = b;
            } else {
                bb.add((BytesBytesCodec) codec);
            }
        }
        return new CodecPipeline(spec, aa, ab, bb, configs);
    }

    /** Checks array->array* array->bytes bytes->bytes*, exactly one array->bytes stage. */
    public static void validateOrder(List<CodecConfig> configs) {
        int stage = 0; // 0: array->array allowed, 1: after array->bytes
        int arrayBytesCount = 0;
        for (CodecConfig c : configs) {
            switch (c.kind()) {
                case ARRAY_ARRAY -> {
                    if (stage > 0) {
                        throw new ZarrFormatException("array-to-array codec '" + c.name()
                                + "' after the array-to-bytes codec; order must be array->array, array->bytes, bytes->bytes: "
                                + names(configs));
                    }
                }
                case ARRAY_BYTES -> {
                    arrayBytesCount++;
                    stage = 1;
                }
                case BYTES_BYTES -> {
                    if (stage == 0) {
                        throw new ZarrFormatException("bytes-to-bytes codec '" + c.name()
                                + "' before the array-to-bytes codec: " + names(configs));
                    }
                }
            }
        }
        if (arrayBytesCount != 1) {
            throw new ZarrFormatException("expected exactly one array-to-bytes codec (bytes or sharding_indexed), found "
                    + arrayBytesCount + ": " + names(configs));
        }
    }

    private static List<String> names(List<CodecConfig> configs) {
        return configs.stream().map(CodecConfig::name).toList();
    }

    public ChunkSpec spec() {
        return spec;
    }

    public List<CodecConfig> configs() {
        return configs;
    }

    public List<ArrayArrayCodec> arrayArrayCodecs() {
        return arrayArray;
    }

    public ArrayBytesCodec arrayBytesCodec() {
        return arrayBytes;
    }

    public List<BytesBytesCodec> bytesBytesCodecs() {
        return bytesBytes;
    }

    /** Encoded size when independent of the values (for shard indexes), else empty. */
    public OptionalLong fixedEncodedSize() {
        if (!arrayArray.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong size = arrayBytes.fixedEncodedSize();
        for (BytesBytesCodec b : bytesBytes) {
            if (size.isEmpty()) {
                return size;
            }
            size = b.fixedEncodedSize(size.getAsLong());
        }
        return size;
    }

    /** Slack for the headers of one encoding stage (blosc, gzip, lz4 and zstd need well under 1 KiB). */
    private static final long STAGE_HEADER_BYTES = 64 * 1024;
    private static final long MAX_ENCODED_BYTES = Integer.MAX_VALUE - 8;

    /**
     * The most bytes a chunk of {@link #spec()} can legitimately take encoded: twice the input of
     * every bytes-to-bytes stage plus {@value #STAGE_HEADER_BYTES} (compressors grow
     * incompressible data by well under 1% plus headers), a shard the sum of its inner chunks and
     * its index. Reading more than this is refused, so a chunk that is really {@code /dev/zero}
     * or a multi-GB stray file ends with a message instead of exhausting the heap.
     */
    public long maxEncodedSize() {
        long n = arrayBytes instanceof ShardingCodec s
                ? saturatedAdd(saturatedMultiply(s.innerChunkCount(), s.innerPipeline().maxEncodedSize()),
                        s.indexByteSize())
                : spec.byteCount();
        for (int i = 0; i < bytesBytes.size(); i++) {
            n = saturatedAdd(saturatedMultiply(2, n), STAGE_HEADER_BYTES);
        }
        return Math.min(n, MAX_ENCODED_BYTES);
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long r = a * b;
        return high != 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /**
     * Undoes only the bytes-to-bytes stages ({@code [sharding_indexed, gzip]}: the gzip around the
     * whole shard), giving the bytes the array-to-bytes codec wrote.
     */
    public byte[] decodeBytesStages(byte[] encoded) {
        byte[] bytes = encoded;
        for (int i = bytesBytes.size() - 1; i >= 0; i--) {
            bytes = bytesBytes.get(i).decode(bytes, -1);
        }
        return bytes;
    }

    /** Encodes one full chunk (C order over {@link #spec()}'s shape). */
    public byte[] encode(Object chunk) {
        Object current = chunk;
        for (ArrayArrayCodec a : arrayArray) {
            current = a.encode(current);
        }
        byte[] bytes = arrayBytes.encode(current);
        for (BytesBytesCodec b : bytesBytes) {
            bytes = b.encode(bytes);
        }
        return bytes;
    }

    /** Decodes {@code encoded} into {@code destination} (C order over {@link #spec()}'s shape). */
    public void decode(byte[] encoded, Object destination) {
        if (arrayArray.isEmpty() && bytesBytes.size() == 1 && arrayBytes.config() instanceof BytesConfig b
                && bytesBytes.get(0) instanceof DirectArrayDecoder direct
                && direct.decodeInto(encoded, destination, spec.elements(), spec.dtype().byteSize(), b.littleEndian())) {
            return;
        }
        byte[] bytes = encoded;
        for (int i = bytesBytes.size() - 1; i >= 0; i--) {
            // The size entering the array->bytes stage is known only for the plain bytes codec.
            int expected = -1;
            if (i == 0 && arrayBytes.fixedEncodedSize().isPresent()) {
                expected = (int) arrayBytes.fixedEncodedSize().getAsLong();
            }
            bytes = bytesBytes.get(i).decode(bytes, expected);
        }
        if (arrayArray.isEmpty()) {
            arrayBytes.decode(bytes, destination);
            return;
        }
        Object current = arrayArray.get(arrayArray.size() - 1).encodedSpec().allocate();
        arrayBytes.decode(bytes, current);
        for (int i = arrayArray.size() - 1; i >= 0; i--) {
            Object target = i == 0 ? destination : arrayArray.get(i - 1).encodedSpec().allocate();
            arrayArray.get(i).decode(current, target);
            current = target;
        }
    }
}
