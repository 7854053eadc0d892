package dev.tripline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A record as a tree, without the top-level fields no normalizer reads that make up most of its bytes: the rendered
 * event message that NXLog ({@code Message}) and Beats/ECS ({@code message}) exporters add, a prose copy of the
 * fields beside it (about half of a real 4688 or Sysmon record). The parser still reads their bytes, so a record
 * that is not valid JSON is rejected as before; it only skips decoding them and building their nodes. Every other
 * value is the node {@link com.fasterxml.jackson.databind.ObjectMapper#readTree} gives.
 *
 * <p>A field listed here that a normalizer starts to read would be silently empty: {@code RecordTreeTest} checks
 * that every shape's normalizer gives the same fact from this tree as from the whole one.
 */
final class RecordTree {
    /** Top-level fields left out of the tree. */
    static final Set<String> UNREAD = Set.of("Message", "message");

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private RecordTree() {}

    /** The value at the parser's current token, which is its first. */
    static JsonNode read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) return Json.MAPPER.readTree(p);
        // Sized for the widest real records (NXLog 4688 and Sysmon: 25–55 fields), so the map is not grown and rehashed
        // field by field; the same insertion-ordered map readTree gives.
        ObjectNode record = new ObjectNode(NODES, new LinkedHashMap<>(96));
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (UNREAD.contains(name)) {
                p.skipChildren(); // a string is skipped by the next token read, undecoded
                continue;
            }
            // Scalars directly, as readTree makes them (an int is an IntNode, a long a LongNode): readTree per value
            // would build a deserialization context each. Objects, arrays, big and decimal numbers go through it.
            record.set(name, switch (value) {
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> Json.MAPPER.readTree(p);
                };
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> Json.MAPPER.readTree(p);
            });
        }
        return record;
    }
}
