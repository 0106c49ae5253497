package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * The codecs known to this module, discovered once with {@link ServiceLoader}
 * ({@code META-INF/services/org.rasteragg.zarr.codec.CodecProvider}). Two providers claiming one
 * name fail class initialisation at once rather than picking one silently. Thread-safe (immutable
 * after initialisation).
 */
public final class CodecRegistry {

    private static final Map<String, CodecProvider> V3 = new TreeMap<>();
    private static final Map<String, CodecProvider> V2 = new TreeMap<>();

    static {
        for (CodecProvider p : ServiceLoader.load(CodecProvider.class, CodecRegistry.class.getClassLoader())) {
            for (String name : p.v3Names()) {
                register(V3, name, p);
            }
            for (String id : p.v2Ids()) {
                register(V2, id, p);
            }
        }
    }

    private CodecRegistry() {
    }

    private static void register(Map<String, CodecProvider> map, String name, CodecProvider p) {
        CodecProvider old = map.putIfAbsent(name, p);
        if (old != null) {
            throw new IllegalStateException("codec name '" + name + "' claimed by both "
                    + old.getClass().getName() + " and " + p.getClass().getName());
        }
    }

    /** Known v3 codec names. */
    public static List<String> v3Names() {
        return Collections.unmodifiableList(new ArrayList<>(V3.keySet()));
    }

    /** Known v2 (numcodecs) ids. */
    public static List<String> v2Ids() {
        return Collections.unmodifiableList(new ArrayList<>(V2.keySet()));
    }

    /** Parses one v3 codec object {@code {"name": ..., "configuration": {...}}}. */
    public static CodecConfig parseV3(JsonNode codec) {
        if (codec.isTextual()) {
            return provider(V3, codec.asText(), "codec").fromV3(MissingNode.getInstance());
        }
        JsonNode name = codec.get("name");
        if (name == null || !name.isTextual()) {
            throw new ZarrFormatException("codec without a 'name': " + codec);
        }
        JsonNode conf = codec.get("configuration");
        return provider(V3, name.asText(), "codec").fromV3(conf == null ? MissingNode.getInstance() : conf);
    }

    /** Parses a list of v3 codec objects. */
    public static List<CodecConfig> parseV3List(JsonNode codecs) {
        if (codecs == null || !codecs.isArray()) {
            throw new ZarrFormatException("'codecs' must be a JSON array, found " + codecs);
        }
        List<CodecConfig> list = new ArrayList<>();
        for (JsonNode c : codecs) {
            list.add(parseV3(c));
        }
        return list;
    }

    /** Parses a v2 numcodecs object {@code {"id": ..., ...}}. */
    public static CodecConfig parseV2(JsonNode compressor) {
        JsonNode id = compressor.get("id");
        if (id == null || !id.isTextual()) {
            throw new ZarrFormatException("compressor without an 'id': " + compressor);
        }
        return provider(V2, id.asText(), "compressor").fromV2(compressor);
    }

    private static CodecProvider provider(Map<String, CodecProvider> map, String name, String what) {
        CodecProvider p = map.get(name);
        if (p == null) {
            throw new ZarrFormatException("unknown " + what + " '" + name + "'; supported: " + map.keySet());
        }
        return p;
    }
}
