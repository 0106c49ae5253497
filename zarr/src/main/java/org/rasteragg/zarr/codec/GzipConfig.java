package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
                return decodeMembers(encoded, expectedSize >= 0 ? expectedSize : Inflation.MAX);
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

    /**
     * Decodes every member of a gzip stream, concatenated, producing at most {@code limit} bytes: as
     * numcodecs' GZip (Python's {@code gzip} reader) does, several members are one stream, zero
     * bytes after a member are padding, and anything else after a member is refused.
     */
    static byte[] decodeMembers(byte[] encoded, int limit) {
        List<byte[]> members = new ArrayList<>();
        int total = 0;
        int pos = 0;
        do {
            int body = gzipHeaderEnd(encoded, pos);
            Inflation.Inflated member = Inflation.inflateStream(encoded, body, encoded.length - body, true,
                    limit - total, "gzip");
            int trailer = body + member.inputUsed();
            if (trailer + 8 > encoded.length) {
                throw new ZarrFormatException("gzip: member " + (members.size() + 1) + " ends without its 8-byte "
                        + "trailer (" + encoded.length + " bytes)");
            }
            checkTrailer(encoded, trailer, member.data());
            members.add(member.data());
            total += member.data().length;
            pos = trailer + 8;
            while (pos < encoded.length && encoded[pos] == 0) {
                pos++;
            }
        } while (pos < encoded.length);
        if (members.size() == 1) {
            return members.get(0);
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] m : members) {
            System.arraycopy(m, 0, out, at, m.length);
            at += m.length;
        }
        return out;
    }

    /** Checks the CRC32 and size in the trailer at {@code at} against one member's output. */
    static void checkTrailer(byte[] encoded, int at, byte[] out) {
        int crc = (encoded[at] & 0xFF) | (encoded[at + 1] & 0xFF) << 8 | (encoded[at + 2] & 0xFF) << 16
                | (encoded[at + 3] & 0xFF) << 24;
        int size = (encoded[at + 4] & 0xFF) | (encoded[at + 5] & 0xFF) << 8 | (encoded[at + 6] & 0xFF) << 16
                | (encoded[at + 7] & 0xFF) << 24;
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(out);
        if ((int) c.getValue() != crc || size != out.length) {
            throw new ZarrFormatException(String.format("gzip: trailer says CRC32 %08x and %d bytes, data has %08x"
                    + " and %d bytes", crc, Integer.toUnsignedLong(size), (int) c.getValue(), out.length));
        }
    }

    /** Where the deflate body of the member starting at {@code start} begins, validating its RFC 1952 header. */
    static int gzipHeaderEnd(byte[] b, int start) {
        if (b.length - start < 18 || (b[start] & 0xFF) != 0x1f || (b[start + 1] & 0xFF) != 0x8b) {
            throw new ZarrFormatException("gzip: " + (start == 0 ? "not a gzip stream" : "data after member end at byte "
                    + start + " is not a gzip member") + " (" + (b.length - start) + " bytes, expected magic 1f8b)");
        }
        if (b[start + 2] != 8) {
            throw new ZarrFormatException("gzip: unknown compression method " + b[start + 2]);
        }
        int flags = b[start + 3] & 0xFF;
        int p = start + 10;
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
