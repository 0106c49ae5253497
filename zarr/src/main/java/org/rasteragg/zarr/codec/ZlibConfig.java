package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/** numcodecs {@code zlib} (RFC 1950 stream); v3 name {@code numcodecs.zlib}. */
public record ZlibConfig(int level) implements CodecConfig {

    public ZlibConfig {
        if (level < 0 || level > 9) {
            throw new ZarrFormatException("zlib: level must be 0..9, found " + level);
        }
    }

    @Override
    public String name() {
        return "numcodecs.zlib";
    }

    @Override
    public Kind kind() {
        return Kind.BYTES_BYTES;
    }

    @Override
    public ObjectNode v3Configuration() {
        return Json.object().put("level", level);
    }

    @Override
    public ObjectNode v2Compressor() {
        return Json.object().put("id", "zlib").put("level", level);
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new AbstractBytesCodec(this, input) {
            @Override
            byte[] decodeUnchecked(byte[] encoded, int expectedSize) {
                return Inflation.inflate(encoded, 0, encoded.length, false, expectedSize, "zlib");
            }

            @Override
            public byte[] encode(byte[] decoded) {
                return Inflation.deflate(decoded, level, false);
            }
        };
    }

    /** Parses {@code {"level": n}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("numcodecs.zlib");
        }

        @Override
        public List<String> v2Ids() {
            return List.of("zlib");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            return new ZlibConfig(Json.integer(configuration, "level", 1, "zlib codec"));
        }

        @Override
        public CodecConfig fromV2(JsonNode compressor) {
            return fromV3(compressor);
        }
    }
}
