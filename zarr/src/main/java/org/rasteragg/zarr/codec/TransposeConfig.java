package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * The v3 {@code transpose} codec: encoding permutes the axes, encoded axis {@code i} being
 * decoded axis {@code order[i]} (numpy's {@code a.transpose(order)}). A Zarr v2 array in F order
 * is this codec with the reversed axis order. Immutable; {@code order} is copied.
 */
public record TransposeConfig(int[] order) implements CodecConfig {

    public static final String NAME = "transpose";

    public TransposeConfig {
        order = order.clone();
        boolean[] seen = new boolean[order.length];
        for (int o : order) {
            if (o < 0 || o >= order.length || seen[o]) {
                throw new ZarrFormatException("transpose: order " + Arrays.toString(order) + " is not a permutation");
            }
            seen[o] = true;
        }
    }

    /** The permutation that stores an array in Fortran order (v2 {@code "order": "F"}). */
    public static TransposeConfig fortran(int ndim) {
        int[] o = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            o[i] = ndim - 1 - i;
        }
        return new TransposeConfig(o);
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY_ARRAY;
    }

    @Override
    public ObjectNode v3Configuration() {
        ObjectNode n = Json.object();
        n.set("order", Json.ints(order));
        return n;
    }

    @Override
    public Codec create(ChunkSpec input) {
        if (input.ndim() != order.length) {
            throw new ZarrFormatException("transpose: order " + Arrays.toString(order) + " has " + order.length
                    + " axes but the chunk " + input + " has " + input.ndim());
        }
        return new Runtime(this, input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransposeConfig t && Arrays.equals(order, t.order);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order);
    }

    @Override
    public String toString() {
        return "transpose" + Arrays.toString(order);
    }

    /** Parses {@code {"order": [..]}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of(NAME);
        }

        @Override
        public CodecConfig fromV3(JsonNode configuration) {
            JsonNode order = configuration.get("order");
            if (order != null && order.isTextual()) {
                throw new ZarrFormatException("transpose: string order '" + order.asText()
                        + "' is not supported; expected a permutation array");
            }
            return new TransposeConfig(Json.ints(configuration, "order", "transpose codec"));
        }
    }

    private static final class Runtime implements ArrayArrayCodec {
        private final TransposeConfig config;
        private final ChunkSpec input;
        private final ChunkSpec encoded;
        private final int[] inputStrides;
        /** For each decoded axis, the stride of the encoded array along that axis. */
        private final int[] encodedStridesByInputAxis;

        Runtime(TransposeConfig config, ChunkSpec input) {
            this.config = config;
            this.input = input;
            int n = config.order.length;
            int[] in = input.shape();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = in[config.order[i]];
            }
            this.encoded = input.withShape(out);
            this.inputStrides = Strided.cStrides(in);
            int[] outStrides = Strided.cStrides(out);
            // Encoded axis i is decoded axis order[i]: stepping decoded axis order[i] steps encoded axis i.
            encodedStridesByInputAxis = new int[n];
            for (int i = 0; i < n; i++) {
                encodedStridesByInputAxis[config.order[i]] = outStrides[i];
            }
        }

        @Override
        public CodecConfig config() {
            return config;
        }

        @Override
        public ChunkSpec inputSpec() {
            return input;
        }

        @Override
        public ChunkSpec encodedSpec() {
            return encoded;
        }

        @Override
        public Object encode(Object decoded) {
            Object out = encoded.allocate();
            Strided.copy(decoded, 0, inputStrides, out, 0, encodedStridesByInputAxis, input.shape());
            return out;
        }

        @Override
        public void decode(Object encodedChunk, Object destination) {
            Strided.copy(encodedChunk, 0, encodedStridesByInputAxis, destination, 0, inputStrides, input.shape());
        }
    }
}
