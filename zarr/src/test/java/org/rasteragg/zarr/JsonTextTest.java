package org.rasteragg.zarr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#compact} writes the text jackson-databind's {@code JsonNode.toString()} writes (the
 * independent reference here), for every kind of node a summary or metadata document holds, and
 * {@link Json#parse} reads it back to an equal tree.
 */
class JsonTextTest {

    private static ObjectNode everyKind() {
        ObjectNode root = Json.object();
        root.put("int", 93595);
        root.put("long", 9_007_199_254_740_993L);
        root.put("big", new BigInteger("18446744073709551615"));
        root.put("double", 1.8506655510000001);
        root.put("tiny", 4.9e-324);
        root.put("negative", -0.0);
        root.put("bool", true);
        root.putNull("none");
        root.put("text", "tab\tquote\" backslash\\ newline\n unicode \u00e9\u4e2d control \u0001");
        ArrayNode a = root.putArray("array");
        a.add(1).add("two").add(3.5).addObject().put("nested", "yes");
        root.putArray("empty");
        root.putObject("emptyObject");
        return root;
    }

    @Test
    void compactTextEqualsJacksonDatabindsToString() {
        ObjectNode root = everyKind();
        assertThat(Json.compact(root)).isEqualTo(root.toString());
    }

    @Test
    void compactTextReadsBackToTheSameTree() {
        ObjectNode root = everyKind();
        assertThat(Json.parse(Json.compact(root).getBytes(StandardCharsets.UTF_8), "test")).isEqualTo(root);
    }
}
