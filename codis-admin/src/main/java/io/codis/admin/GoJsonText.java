package io.codis.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.json.JsonCodec;
import java.util.Iterator;
import java.util.Map;

/**
 * Re-prints a JSON answer as the original codis-admin does after decoding it: Go's 4-space indent,
 * fields in the server's order, floats in Go's form, {@code null} for an absent part.
 */
public final class GoJsonText {
    private GoJsonText() {
    }

    /** The pretty text of {@code node} ({@code null} when missing), without a trailing newline. */
    public static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "null";
        }
        return JsonCodec.pretty(withGoFloats(node));
    }

    /** Floats go through the codec's Go float writer instead of Jackson's tree writer ({@code 1e-07}, not {@code 1.0E-7}). */
    private static JsonNode withGoFloats(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return JsonNodeFactory.instance.pojoNode(node.doubleValue());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), withGoFloats(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withGoFloats(element)));
            return copy;
        }
        return node;
    }
}
