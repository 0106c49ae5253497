package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/** The v3 {@code crc32c} codec: appends the CRC-32C of the data as 4 little-endian bytes. */
public record Crc32cConfig() implements CodecConfig {

    @Override
    public String name() {
        return "crc32c";
    }

    @Override
    public Kind kind() {
        return Kind.BYTES_BYTES;
    }

    @Override
    public ObjectNode v3Configuration() {
        return Json.object();
    }

    static int checksum(byte[] b, int length) {
        CRC32C c = new CRC32C();
        c.update(b, 0, length);
        return (int) c.getValue();
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new AbstractBytesCodec(this, input) {
            @Override
            byte[] decodeUnchecked(byte[] encoded, int expectedSize) {
                if (encoded.length < 4) {
                    throw new ZarrFormatException("crc32c: " + encoded.length + " bytes cannot hold a 4-byte checksum");
                }
                int n = encoded.length - 4;
                int stored = (encoded[n] & 0xFF) | (encoded[n + 1] & 0xFF) << 8 | (encoded[n + 2] & 0xFF) << 16
                        | (encoded[n + 3] & 0xFF) << 24;
                int actual = checksum(encoded, n);
                if (stored != actual) {
                    throw new ZarrFormatException(String.format("crc32c: checksum mismatch, stored %08x, computed %08x",
                            stored, actual));
                }
                return java.util.Arrays.copyOf(encoded, n);
            }

            @Override
            public byte[] encode(byte[] decoded) {
                byte[] out = java.util.Arrays.copyOf(decoded, decoded.length + 4);
                int c = checksum(decoded, decoded.length);
                for (int i = 0; i < 4; i++) {
                    out[decoded.length + i] = (byte) (c >>> (8 * i));
                }
                return out;
            }

            @Override
            public OptionalLong fixedEncodedSize(long decodedSize) {
                return OptionalLong.of(decodedSize + 4);
            }
        };
    }

    /** No configuration. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("crc32c");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            return new Crc32cConfig();
        }
    }
}
