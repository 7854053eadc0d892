package dev.tripline.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * An expected alert names only the fields it cares about; the actual alert is cut down to the same shape
 * (objects key by key, arrays element by element) so the two compare with plain equality and a readable diff.
 */
public final class AlertProjection {
    private AlertProjection() {}

    public static JsonNode project(JsonNode actual, JsonNode shape) {
        if (shape == null || actual == null) return actual;
        if (shape.isObject() && actual.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = shape.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode a = actual.get(f.getKey());
                out.set(f.getKey(), a == null ? JsonNodeFactory.instance.missingNode() : project(a, f.getValue()));
            }
            return out;
        }
        if (shape.isArray() && actual.isArray() && shape.size() > 0 && shape.get(0).isObject()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode a : actual) out.add(project(a, shape.get(0)));
            return out;
        }
        return actual;
    }
}
