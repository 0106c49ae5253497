package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * The v3 {@code sharding_indexed} codec configuration: inner chunk shape, the codecs of each inner
 * chunk, the codecs of the shard index, and where the index sits. Immutable.
 */
public record ShardingConfig(int[] chunkShape, List<CodecConfig> codecs, List<CodecConfig> indexCodecs,
        boolean indexAtEnd) implements CodecConfig {

    public static final String NAME = "sharding_indexed";

    public ShardingConfig {
        chunkShape = chunkShape.clone();
        codecs = List.copyOf(codecs);
        indexCodecs = List.copyOf(indexCodecs);
        CodecPipeline.validateOrder(codecs);
        CodecPipeline.validateOrder(indexCodecs);
    }

    /** Inner chunks of {@code chunkShape} compressed with {@code compressor} (may be null), index bytes+crc32c at the end. */
    public static ShardingConfig of(int[] chunkShape, CodecConfig compressor) {
        List<CodecConfig> inner = compressor == null ? List.of(new BytesConfig(true))
                : List.of(new BytesConfig(true), compressor);
        return new ShardingConfig(chunkShape, inner, List.of(new BytesConfig(true), new Crc32cConfig()), true);
    }

    @Override
    public int[] chunkShape() {
        return chunkShape.clone();
    }

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
        ObjectNode n = Json.object();
        n.set("chunk_shape", Json.ints(chunkShape));
        n.set("codecs", toJson(codecs));
        n.set("index_codecs", toJson(indexCodecs));
        n.put("index_location", indexAtEnd ? "end" : "start");
        return n;
    }

    /** Serializes v3 codec objects. */
    public static ArrayNode toJson(List<CodecConfig> list) {
        ArrayNode a = Json.array();
        for (CodecConfig c : list) {
            ObjectNode o = Json.object().put("name", c.name());
            o.set("configuration", c.v3Configuration());
            a.add(o);
        }
        return a;
    }

    @Override
    public Codec create(ChunkSpec input) {
        return new ShardingCodec(this, input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardingConfig s && Arrays.equals(chunkShape, s.chunkShape) && codecs.equals(s.codecs)
                && indexCodecs.equals(s.indexCodecs) && indexAtEnd == s.indexAtEnd;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chunkShape) * 31 + codecs.hashCode() * 7 + indexCodecs.hashCode()
                + (indexAtEnd ? 1 : 0);
    }

    @Override
    public String toString() {
        return "sharding_indexed[chunks=" + Arrays.toString(chunkShape) + ", codecs=" + codecs + ", index="
                + indexCodecs + ", at " + (indexAtEnd ? "end" : "start") + "]";
    }

    /** Parses {@code {chunk_shape, codecs, index_codecs, index_location}}. */
    public static final class Provider implements CodecProvider {
        @Override
        public List<String> v3Names() {
            return List.of(NAME);
        }

        @Override
        public CodecConfig fromV3(JsonNode c) {
            String where = "sharding_indexed codec";
            int[] shape = Json.ints(c, "chunk_shape", where);
            List<CodecConfig> codecs = CodecRegistry.parseV3List(Json.required(c, "codecs", where));
            JsonNode idx = c.get("index_codecs");
            List<CodecConfig> index = idx == null ? List.of(new BytesConfig(true), new Crc32cConfig())
                    : CodecRegistry.parseV3List(idx);
            String location = Json.text(c, "index_location", "end", where);
            if (!location.equals("end") && !location.equals("start")) {
                throw new ZarrFormatException(where + ": index_location must be 'start' or 'end', found '"
                        + location + "'");
            }
            return new ShardingConfig(shape, codecs, index, location.equals("end"));
        }
    }
}
