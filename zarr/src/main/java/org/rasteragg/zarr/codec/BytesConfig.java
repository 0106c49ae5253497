package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalLong;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * The v3 {@code bytes} codec: elements as fixed-width binary in the given byte order, C order.
 * Zarr v2 dtypes ({@code "<u2"}, {@code ">f8"}) map to it too.
 *
 * @param littleEndian byte order; ignored for 1-byte types
 */
public record BytesConfig(boolean littleEndian) implements CodecConfig {

    public static final String NAME = "bytes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY_BYTES;
    }

    @Override
    public ObjectNode v3Configuration() {
        return Json.object().put("endian", littleEndian ? "little" : "big");
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new Runtime(this, input);
    }

    /** Parses {@code {"endian": "little"|"big"}}; also the pre-1.0 draft name "endian". */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of(NAME, "endian");
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            String endian = configuration.isMissingNode() ? "little"
                    : Json.text(configuration, "endian", "little", "bytes codec");
            return switch (endian) {
                case "little" -> new BytesConfig(true);
                case "big" -> new BytesConfig(false);
                default -> throw new ZarrFormatException("bytes codec: endian must be 'little' or 'big', found '"
                        + endian + "'");
            };
        }
    }

    /** Bulk conversion through {@link ByteBuffer} views (intrinsified, no per-element calls). */
    private static final class Runtime implements ArrayBytesCodec {
        private final BytesConfig config;
        private final ChunkSpec spec;
        private final ByteOrder order;

        Runtime(BytesConfig config, ChunkSpec spec) {
            this.config = config;
            this.spec = spec;
            this.order = config.littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        @Override
        public CodecConfig config() {
            return config;
        }

        @Override
        public ChunkSpec inputSpec() {
            return spec;
        }

        @Override
        public OptionalLong fixedEncodedSize() {
            return OptionalLong.of(spec.byteCount());
        }

        @Override
        public byte[] encode(Object chunk) {
            int n = spec.elements();
            byte[] out = new byte[spec.byteCount()];
            ByteBuffer bb = ByteBuffer.wrap(out).order(order);
            if (chunk instanceof byte[] a) {
                System.arraycopy(a, 0, out, 0, n);
            } else if (chunk instanceof short[] a) {
                bb.asShortBuffer().put(a, 0, n);
            } else if (chunk instanceof int[] a) {
                bb.asIntBuffer().put(a, 0, n);
            } else if (chunk instanceof long[] a) {
                bb.asLongBuffer().put(a, 0, n);
            } else if (chunk instanceof float[] a) {
                bb.asFloatBuffer().put(a, 0, n);
            } else if (chunk instanceof double[] a) {
                bb.asDoubleBuffer().put(a, 0, n);
            } else {
                throw new IllegalArgumentException("not a primitive chunk buffer: " + chunk.getClass());
            }
            return out;
        }

        @Override
        public void decode(byte[] encoded, Object destination) {
            if (encoded.length != spec.byteCount()) {
                throw new ZarrFormatException("chunk holds " + encoded.length + " bytes after decompression, expected "
                        + spec.byteCount() + " (" + spec + ")");
            }
            int n = spec.elements();
            ByteBuffer bb = ByteBuffer.wrap(encoded).order(order);
            if (destination instanceof byte[] a) {
                System.arraycopy(encoded, 0, a, 0, n);
            } else if (destination instanceof short[] a) {
                bb.asShortBuffer().get(a, 0, n);
            } else if (destination instanceof int[] a) {
                bb.asIntBuffer().get(a, 0, n);
            } else if (destination instanceof long[] a) {
                bb.asLongBuffer().get(a, 0, n);
            } else if (destination instanceof float[] a) {
                bb.asFloatBuffer().get(a, 0, n);
            } else if (destination instanceof double[] a) {
                bb.asDoubleBuffer().get(a, 0, n);
            } else {
                throw new IllegalArgumentException("not a primitive chunk buffer: " + destination.getClass());
            }
        }
    }
}
