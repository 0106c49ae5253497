package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * numcodecs {@code lz4}: a 4-byte little-endian uncompressed size followed by one LZ4 block
 * (v3 name {@code numcodecs.lz4}). Decoding uses lz4-java's safe (bounds-checked) decompressor.
 */
public record Lz4Config(int acceleration) implements CodecConfig {

    static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    /** LZ4's best ratio: one byte of a match length extension stands for 255 output bytes. */
    private static final long MAX_RATIO = 255;

    @Override
    public String name() {
        return "numcodecs.lz4";
    }

    @Override
    public Kind kind() {
        return Kind.BYTES_BYTES;
    }

    @Override
    public ObjectNode v3Configuration() {
        return Json.object().put("acceleration", acceleration);
    }

    @Override
    public ObjectNode v2Compressor() {
        return Json.object().put("id", "lz4").put("acceleration", acceleration);
    }

    @Override
    public Codec create(ChunkSpec input) {
        LZ4SafeDecompressor dec = LZ4.safeDecompressor();
        LZ4Compressor comp = LZ4.fastCompressor();
        return new AbstractBytesCodec(this, input) {
            @Override
            byte[] decodeUnchecked(byte[] encoded, int expectedSize) {
                if (encoded.length < 4) {
                    throw new ZarrFormatException("lz4: " + encoded.length + " bytes cannot hold the 4-byte size header");
                }
                int size = (encoded[0] & 0xFF) | (encoded[1] & 0xFF) << 8 | (encoded[2] & 0xFF) << 16
                        | (encoded[3] & 0xFF) << 24;
                if (size < 0 || expectedSize >= 0 && size != expectedSize) {
                    throw new ZarrFormatException("lz4: header says " + Integer.toUnsignedString(size)
                            + " bytes, expected " + expectedSize);
                }
                if (size > (encoded.length - 4L) * MAX_RATIO + 16) {
                    // Checked before the output is allocated: 20 bytes must not claim 2 GB.
                    throw new ZarrFormatException("lz4: header says " + size + " bytes, more than the "
                            + (encoded.length - 4) + " compressed bytes can hold");
                }
                byte[] out = new byte[size];
                int n = dec.decompress(encoded, 4, encoded.length - 4, out, 0, size);
                if (n != size) {
                    throw new ZarrFormatException("lz4: decompressed to " + n + " bytes, header says " + size);
                }
                return out;
            }

            @Override
            public byte[] encode(byte[] decoded) {
                byte[] out = new byte[4 + comp.maxCompressedLength(decoded.length)];
                int n = comp.compress(decoded, 0, decoded.length, out, 4, out.length - 4);
                for (int i = 0; i < 4; i++) {
                    out[i] = (byte) (decoded.length >>> (8 * i));
                }
                return java.util.Arrays.copyOf(out, 4 + n);
            }
        };
    }

    /** Parses {@code {"acceleration": n}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("numcodecs.lz4");
        }

        @Override
        public List<String> v2Ids() {
            return List.of("lz4");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            return new Lz4Config(Json.integer(configuration, "acceleration", 1, "lz4 codec"));
        }

        @Override
        public CodecConfig fromV2(JsonNode compressor) {
            return fromV3(compressor);
        }
    }
}
