package org.rasteragg.zarr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON access shared by the module: parsing into Jackson trees, writing them indented, and field
 * readers that fail with a {@link ZarrFormatException} naming the document and the field instead of
 * returning null.
 *
 * <p>Documents are read and written with jackson-core's streaming parser and generator and the tree
 * node factory, not through an {@link ObjectMapper}: creating the first mapper loads and initialises
 * about 400 classes of jackson-databind (serializer and deserializer registries, the type factory),
 * a tenth of a second of every command's start on two cores, for trees we can build in a loop.
 */
public final class Json {

    /** Thread-safe once configured (never reconfigured). */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Nesting beyond this is refused: no metadata document of ours nests deeper than a few levels. */
    private static final int MAX_DEPTH = 256;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Parses {@code bytes}; {@code where} names the document in the error ("store/a/.zarray"). Text
     * after the document is refused: it means a damaged or concatenated file, not a document to
     * trust. A key given twice keeps its last value (as zarr-python's json module does).
     */
    public static JsonNode parse(byte[] bytes, String where) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ZarrFormatException(where + ": empty JSON document");
            }
            JsonNode node = value(p, first, 0);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new ZarrFormatException(where + ": malformed JSON: Trailing token (" + trailing.asString()
                        + ") after the document at " + p.currentLocation().offsetDescription());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ZarrFormatException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ZarrFormatException(where + ": unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** The value that starts at {@code t}, as the tree a mapper's {@code readTree} would build. */
    private static JsonNode value(JsonParser p, JsonToken t, int depth) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                checkDepth(p, depth);
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken(), depth + 1));
                }
                return o;
            }
            case START_ARRAY -> {
                checkDepth(p, depth);
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e, depth + 1));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseExceptionWithoutMapper(p, "unexpected token " + t);
        }
    }

    private static void checkDepth(JsonParser p, int depth) throws JsonParseExceptionWithoutMapper {
        if (depth >= MAX_DEPTH) {
            throw new JsonParseExceptionWithoutMapper(p, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** A parse failure of our own tree builder, reported like the parser's own. */
    private static final class JsonParseExceptionWithoutMapper extends com.fasterxml.jackson.core.JsonParseException {
        private static final long serialVersionUID = 1L;

        JsonParseExceptionWithoutMapper(JsonParser p, String message) {
            super(p, message);
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

    /** {@code node} as indented UTF-8 JSON (two spaces, {@code "key" : value}, as Jackson's INDENT_OUTPUT). */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, node);
        } catch (IOException e) {
            throw new ZarrException("cannot serialize JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * {@code node} as compact JSON text, what {@code JsonNode.toString()} gives, without the
     * ObjectMapper that toString loads (some 300 jackson-databind classes, a tenth of a second of a
     * cold process).
     */
    public static String compact(JsonNode node) {
        java.io.StringWriter out = new java.io.StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new ZarrException("cannot serialize JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode e : n) {
                    write(g, e);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> writeNumber(g, n);
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IOException("a " + n.getNodeType() + " node has no JSON text");
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT -> g.writeNumber(n.intValue());
            case LONG -> g.writeNumber(n.longValue());
            case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
            case FLOAT -> g.writeNumber(n.floatValue());
            case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
            default -> g.writeNumber(n.doubleValue());
        }
    }

    /** {@code values} as a JSON array of numbers. */
    public static ArrayNode doubles(double[] values) {
        ArrayNode a = array();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** {@code values} as a JSON array of strings. */
    public static ArrayNode strings(Iterable<String> values) {
        ArrayNode a = array();
        for (String v : values) {
            a.add(v);
        }
        return a;
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
