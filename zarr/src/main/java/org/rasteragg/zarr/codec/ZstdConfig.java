package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/** The v3 {@code zstd} codec and numcodecs {@code zstd}, over zstd-jni (bounded native calls). */
public record ZstdConfig(int level, boolean checksum) implements CodecConfig {

    // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR of zstd.h, as zstd-jni returns them.
    private static final long CONTENT_SIZE_UNKNOWN = -1L;
    private static final long CONTENT_SIZE_ERROR = -2L;
    /** zstd's best ratio: a 4-byte RLE block holds 128 KiB. */
    private static final long MAX_RATIO = 32 * 1024;

    public ZstdConfig {
        if (level < -131072 || level > 22) {
            throw new ZarrFormatException("zstd: level must be at most 22, found " + level);
        }
    }

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public Kind kind() {
        return Kind.BYTES_BYTES;
    }

    @Override
    public ObjectNode v3Configuration() {
        return Json.object().put("level", level).put("checksum", checksum);
    }

    @Override
    public ObjectNode v2Compressor() {
        return Json.object().put("id", "zstd").put("level", level);
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new AbstractBytesCodec(this, input) {
            @Override
            byte[] decodeUnchecked(byte[] encoded, int expectedSize) {
                return decompress(encoded, 0, encoded.length, expectedSize, "zstd");
            }

            @Override
            public byte[] encode(byte[] decoded) {
                return compress(decoded, 0, decoded.length, level, checksum);
            }
        };
    }

    /** Compresses one zstd frame. */
    public static byte[] compress(byte[] src, int offset, int length, int level, boolean checksum) {
        byte[] dst = new byte[(int) Zstd.compressBound(length)];
        long n = Zstd.compressByteArray(dst, 0, dst.length, src, offset, length, level, checksum);
        if (Zstd.isError(n)) {
            throw new ZarrFormatException("zstd: compression failed: " + Zstd.getErrorName(n));
        }
        return java.util.Arrays.copyOf(dst, (int) n);
    }

    /**
     * Decompresses zstd frames from {@code src[offset, offset+length)}. With a known expected size
     * the native decoder writes into a buffer of exactly that size (it is bounds-checked by zstd);
     * otherwise the frame's content size is used, or a bounded stream when the frame has none.
     */
    public static byte[] decompress(byte[] src, int offset, int length, int expectedSize, String codec) {
        int size = expectedSize;
        if (size < 0) {
            long content = Zstd.getFrameContentSize(src, offset, length);
            if (content == CONTENT_SIZE_ERROR) {
                throw new ZarrFormatException(codec + ": not a zstd frame (" + length + " bytes)");
            }
            if (content == CONTENT_SIZE_UNKNOWN) {
                return streamDecompress(src, offset, length, codec);
            }
            if (content > Integer.MAX_VALUE - 64) {
                throw new ZarrFormatException(codec + ": frame claims " + content + " bytes, more than 2 GiB");
            }
            if (content > (long) length * MAX_RATIO) {
                // Checked before the output is allocated: a 20-byte frame must not claim 2 GB.
                throw new ZarrFormatException(codec + ": frame of " + length + " bytes claims " + content
                        + " bytes, more than zstd can produce from it");
            }
            size = (int) content;
        }
        byte[] dst = new byte[size];
        long n;
        try {
            n = Zstd.decompressByteArray(dst, 0, size, src, offset, length);
        } catch (RuntimeException e) {
            // zstd-jni 1.5.7 throws ZstdException for corrupt frames; callers of this public method get a data error.
            throw MalformedInput.orRethrow(e, codec, length);
        }
        if (Zstd.isError(n)) {
            throw new ZarrFormatException(codec + ": corrupt frame: " + Zstd.getErrorName(n) + " (expected " + size
                    + " decompressed bytes)");
        }
        if (n != size) {
            throw new ZarrFormatException(codec + ": decompressed to " + n + " bytes, expected " + size);
        }
        return dst;
    }

    private static byte[] streamDecompress(byte[] src, int offset, int length, String codec) {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(src, offset, length))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ZarrFormatException(codec + ": corrupt frame: " + e.getMessage(), e);
        }
    }

    /** Parses {@code {"level": n, "checksum": b}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("zstd", "numcodecs.zstd");
        }

        @Override
        public List<String> v2Ids() {
            return List.of("zstd");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            JsonNode c = configuration.get("checksum");
            return new ZstdConfig(Json.integer(configuration, "level", 0, "zstd codec"), c != null && c.asBoolean());
        }

        @Override
        public CodecConfig fromV2(JsonNode compressor) {
            return fromV3(compressor);
        }
    }
}
