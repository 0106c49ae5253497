package org.rasteragg.zarr.codec.blosc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.BytesBytesCodec;
import org.rasteragg.zarr.codec.ChunkSpec;
import org.rasteragg.zarr.codec.Codec;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.codec.CodecProvider;
import org.rasteragg.zarr.codec.DirectArrayDecoder;
import org.rasteragg.zarr.codec.MalformedInput;

/**
 * The {@code blosc} codec (v3 and numcodecs v2). Decoding reads any Blosc1 frame regardless of the
 * configuration (frames describe themselves); the configuration drives encoding.
 *
 * @param cname blosclz, lz4, lz4hc, zlib or zstd (blosclz is read-only here)
 * @param clevel 0..9
 * @param shuffle 0 none, 1 byte, 2 bit (v2 -1 "auto" resolves to bit for 1-byte types, else byte)
 * @param typesize element size used for shuffling (0 means: the chunk dtype's size)
 * @param blocksize bytes per block, 0 automatic
 */
public record BloscConfig(String cname, int clevel, int shuffle, int typesize, int blocksize) implements CodecConfig {

    public static final int NOSHUFFLE = 0;
    public static final int SHUFFLE = 1;
    public static final int BITSHUFFLE = 2;
    public static final int AUTOSHUFFLE = -1;

    public BloscConfig {
        BloscFrame.compressorCode(cname);
        if (clevel < 0 || clevel > 9) {
            throw new ZarrFormatException("blosc: clevel must be 0..9, found " + clevel);
        }
        if (shuffle < -1 || shuffle > 2) {
            throw new ZarrFormatException("blosc: shuffle must be -1..2, found " + shuffle);
        }
    }

    /** Blosc with lz4 and byte shuffle, level 5: the common choice for images. */
    public static BloscConfig lz4() {
        return new BloscConfig("lz4", 5, SHUFFLE, 0, 0);
    }

    /** Blosc with zstd and byte shuffle, level 5. */
    public static BloscConfig zstd() {
        return new BloscConfig("zstd", 5, SHUFFLE, 0, 0);
    }

    @Override
    public String name() {
        return "blosc";
    }

    @Override
    public Kind kind() {
        return Kind.BYTES_BYTES;
    }

    private static final String[] SHUFFLE_NAMES = {"noshuffle", "shuffle", "bitshuffle"};

    @Override
    public ObjectNode v3Configuration() {
        ObjectNode n = Json.object().put("cname", cname).put("clevel", clevel)
                .put("shuffle", SHUFFLE_NAMES[shuffle < 0 ? SHUFFLE : shuffle]).put("blocksize", blocksize);
        if (typesize > 0) {
            n.put("typesize", typesize);
        }
        return n;
    }

    @Override
    public ObjectNode v2Compressor() {
        return Json.object().put("id", "blosc").put("cname", cname).put("clevel", clevel).put("shuffle", shuffle)
                .put("blocksize", blocksize);
    }

    /** This configuration with the typesize of {@code spec}'s dtype when none is set. */
    public BloscConfig forSpec(ChunkSpec spec) {
        return typesize > 0 ? this : new BloscConfig(cname, clevel, shuffle, spec.dtype().byteSize(), blocksize);
    }

    @Override
    public Codec create(ChunkSpec input) {
        BloscConfig resolved = forSpec(input);
        int ts = resolved.typesize;
        int effectiveShuffle = shuffle == AUTOSHUFFLE ? (ts == 1 ? BITSHUFFLE : SHUFFLE) : shuffle;
        return new Runtime(this, input, ts, effectiveShuffle);
    }

    private record Runtime(BloscConfig config, ChunkSpec inputSpec, int typesize, int effectiveShuffle)
            implements BytesBytesCodec, DirectArrayDecoder {
        @Override
        public boolean decodeInto(byte[] encoded, Object destination, int elements, int elementSize,
                boolean littleEndian) {
            try {
                return BloscFrame.decompressInto(encoded, destination, elements, elementSize, littleEndian);
            } catch (ZarrFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw MalformedInput.orRethrow(e, "blosc", encoded.length);
            }
        }

        @Override
        public byte[] encode(byte[] decoded) {
            return BloscFrameWriter.compress(decoded, typesize, config.cname, config.clevel, effectiveShuffle,
                    config.blocksize);
        }

        @Override
        public byte[] decode(byte[] encoded, int expectedSize) {
            try {
                return BloscFrame.decompress(encoded, expectedSize);
            } catch (ZarrFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw MalformedInput.orRethrow(e, "blosc", encoded.length);
            }
        }
    }

    /** Parses v3 {@code {cname, clevel, shuffle: "noshuffle"|"shuffle"|"bitshuffle", typesize, blocksize}} and v2 numcodecs. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("blosc", "numcodecs.blosc");
        }

        @Override
        public List<String> v2Ids() {
            return List.of("blosc");
        }

        @Override
        public CodecConfig fromV3(JsonNode c) {
            String where = "blosc codec";
            JsonNode sh = c.get("shuffle");
            int shuffle;
            if (sh == null || sh.isNull()) {
                shuffle = SHUFFLE;
            } else if (sh.isIntegralNumber()) {
                shuffle = sh.intValue();
            } else {
                shuffle = switch (sh.asText()) {
                    case "noshuffle" -> NOSHUFFLE;
                    case "shuffle" -> SHUFFLE;
                    case "bitshuffle" -> BITSHUFFLE;
                    default -> throw new ZarrFormatException("blosc: unknown shuffle '" + sh.asText()
                            + "'; expected noshuffle, shuffle, bitshuffle");
                };
            }
            return new BloscConfig(Json.text(c, "cname", "lz4", where), Json.integer(c, "clevel", 5, where), shuffle,
                    Json.integer(c, "typesize", 0, where), Json.integer(c, "blocksize", 0, where));
        }

        @Override
        public CodecConfig fromV2(JsonNode compressor) {
            return fromV3(compressor);
        }
    }
}
