package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/** The v3 {@code gzip} codec and numcodecs {@code gzip} (RFC 1952 member). */
public record GzipConfig(int level) implements CodecConfig {

    public GzipConfig {
        if (level < 0 || level > 9) {
            throw new ZarrFormatException("gzip: level must be 0..9, found " + level);
        }
    }

    @Override
    public String name() {
        return "gzip";
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
        return Json.object().put("id", "gzip").put("level", level);
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new AbstractBytesCodec(this, input) {
            @Override
            byte[] decodeUnchecked(byte[] encoded, int expectedSize) {
                int start = gzipHeaderLength(encoded);
                // The deflate body is followed by an 8-byte trailer (CRC32, size); inflate stops at its end.
                byte[] out = Inflation.inflate(encoded, start, encoded.length - start, true, expectedSize, "gzip");
                checkTrailer(encoded, out);
                return out;
            }

            @Override
            public byte[] encode(byte[] decoded) {
                ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, decoded.length / 2));
                try (GZIPOutputStream gz = new GZIPOutputStream(bos) {
                    {
                        def.setLevel(level);
                    }
                }) {
                    gz.write(decoded);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bos.toByteArray();
            }
        };
    }

    /** Checks the CRC32 and size of a single-member stream (what numcodecs and zarr-python write). */
    static void checkTrailer(byte[] encoded, byte[] out) {
        int n = encoded.length;
        int crc = (encoded[n - 8] & 0xFF) | (encoded[n - 7] & 0xFF) << 8 | (encoded[n - 6] & 0xFF) << 16
                | (encoded[n - 5] & 0xFF) << 24;
        int size = (encoded[n - 4] & 0xFF) | (encoded[n - 3] & 0xFF) << 8 | (encoded[n - 2] & 0xFF) << 16
                | (encoded[n - 1] & 0xFF) << 24;
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(out);
        if ((int) c.getValue() != crc || size != out.length) {
            throw new ZarrFormatException(String.format("gzip: trailer says CRC32 %08x and %d bytes, data has %08x"
                    + " and %d bytes", crc, Integer.toUnsignedLong(size), (int) c.getValue(), out.length));
        }
    }

    /** Length of the RFC 1952 header, validating magic, method and optional fields. */
    static int gzipHeaderLength(byte[] b) {
        if (b.length < 18 || (b[0] & 0xFF) != 0x1f || (b[1] & 0xFF) != 0x8b) {
            throw new ZarrFormatException("gzip: not a gzip stream (" + b.length + " bytes, expected magic 1f8b)");
        }
        if (b[2] != 8) {
            throw new ZarrFormatException("gzip: unknown compression method " + b[2]);
        }
        int flags = b[3] & 0xFF;
        int p = 10;
        if ((flags & 4) != 0) { // FEXTRA
            if (p + 2 > b.length) {
                throw new ZarrFormatException("gzip: truncated header");
            }
            p += 2 + ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
        }
        for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (p < b.length && b[p] != 0) {
                    p++;
                }
                p++;
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            p += 2;
        }
        if (p >= b.length) {
            throw new ZarrFormatException("gzip: truncated header");
        }
        return p;
    }

    /** Parses {@code {"level": n}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of("gzip", "numcodecs.gzip");
        }

        @Override
        public List<String> v2Ids() {
            return List.of("gzip");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            return new GzipConfig(Json.integer(configuration, "level", 5, "gzip codec"));
        }

        @Override
        public CodecConfig fromV2(JsonNode compressor) {
            return fromV3(compressor);
        }
    }
}
