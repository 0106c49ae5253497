package org.rasteragg.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Jackson access shared by the module: one configured {@link ObjectMapper} (thread-safe after
 * configuration) and field readers that fail with a {@link ZarrFormatException} naming the
 * document and the field instead of returning null.
 */
public final class Json {

    /** Shared mapper; never reconfigure it. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // Text after the document means a damaged or concatenated file, not a document to trust.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses {@code bytes}; {@code where} names the document in the error ("store/a/.zarray"). */
    public static JsonNode parse(byte[] bytes, String where) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ZarrFormatException(where + ": empty JSON document");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ZarrFormatException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ZarrFormatException(where + ": unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Parses {@code bytes} and requires a JSON object. */
    public static ObjectNode parseObject(byte[] bytes, String where) {
        JsonNode node = parse(bytes, where);
        if (!node.isObject()) {
            throw new ZarrFormatException(where + ": expected a JSON object, found " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new ZarrException("cannot serialize JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ZarrFormatException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    public static String text(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isTextual()) {
            throw new ZarrFormatException(where + ": field '" + field + "' must be a string, found " + v);
        }
        return v.asText();
    }

    public static String text(JsonNode node, String field, String fallback, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ZarrFormatException(where + ": field '" + field + "' must be a string, found " + v);
        }
        return v.asText();
    }

    public static int integer(JsonNode node, String field, int fallback, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ZarrFormatException(where + ": field '" + field + "' must be an integer, found " + v);
        }
        return v.intValue();
    }

    public static long[] longs(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isArray()) {
            throw new ZarrFormatException(where + ": field '" + field + "' must be an array of integers, found " + v);
        }
        long[] r = new long[v.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.longValue() < 0) {
                throw new ZarrFormatException(where + ": field '" + field + "' must hold non-negative integers, found " + v);
            }
            r[i] = e.longValue();
        }
        return r;
    }

    public static int[] ints(JsonNode node, String field, String where) {
        long[] l = longs(node, field, where);
        int[] r = new int[l.length];
        for (int i = 0; i < r.length; i++) {
            if (l[i] > Integer.MAX_VALUE) {
                throw new ZarrFormatException(where + ": field '" + field + "' value " + l[i] + " is too large");
            }
            r[i] = (int) l[i];
        }
        return r;
    }

    public static ArrayNode ints(int[] values) {
        ArrayNode a = array();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static ArrayNode longs(long[] values) {
        ArrayNode a = array();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }
}
