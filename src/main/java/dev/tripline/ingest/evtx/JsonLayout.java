package dev.tripline.ingest.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a record's BinXML, substitutions filled in, as the JSON the Rust {@code evtx_dump} writes:
 * <ul>
 *   <li>an element with neither attributes nor content is {@code null}; with text only, the text (typed: numbers
 *       stay numbers); attributes go under {@code "#attributes"} and text beside them under {@code "#text"};
 *   <li>attributes whose value is null are left out;
 *   <li>{@code <Data Name="X">v</Data>} becomes {@code "X": v}; unnamed {@code Data} collect under
 *       {@code "Data": {"#text": …}} (an array when there are several);
 *   <li>a repeated element name gets {@code _1}, {@code _2}… so no value is lost.
 * </ul>
 * The output is bounded: a record whose templates expand past {@link #MAX_NODES} nodes is damage and rejected.
 */
final class JsonLayout {
    static final int MAX_NODES = 200_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";
    private static final String DATA = "Data";

    private int budget = MAX_NODES;

    private JsonLayout() {}

    /** The record's JSON object ({@code {"Event": …}}). */
    static ObjectNode render(List<Node> body) throws EvtxFormatException {
        JsonLayout layout = new JsonLayout();
        Content root = new Content(JSON.objectNode());
        layout.content(body, null, root, 0);
        return root.object;
    }

    /** Where an element's content goes: child elements into {@link #object}, text parts into {@link #texts}. */
    private static final class Content {
        ObjectNode object;
        ObjectNode attributes;
        List<JsonNode> texts;

        Content(ObjectNode object) { this.object = object; }

        ObjectNode object() {
            if (object == null) {
                object = JSON.objectNode();
                if (attributes != null) object.set(ATTRIBUTES, attributes);
            }
            return object;
        }

        void text(JsonNode t) {
            if (texts == null) texts = new ArrayList<>(1);
            texts.add(t);
        }
    }

    private void content(List<Node> nodes, Object[] values, Content into, int depth) throws EvtxFormatException {
        if (depth > BinXmlParser.MAX_DEPTH) throw new EvtxFormatException("templates nested deeper than " + BinXmlParser.MAX_DEPTH);
        for (Node n : nodes) {
            spend();
            if (n instanceof Node.Element e) {
                element(e, values, into.object(), depth);
            } else if (n instanceof Node.Text t) {
                into.text(JSON.textNode(t.text()));
            } else if (n instanceof Node.Substitution s) {
                Object v = value(values, s.index());
                if (v instanceof JsonNode j) {
                    if (!j.isNull()) into.text(j);
                } else if (v instanceof List<?> nested) {
                    @SuppressWarnings("unchecked") List<Node> fragment = (List<Node>) nested;
                    content(fragment, null, into, depth + 1);
                }
            } else if (n instanceof Node.TemplateInstance ti) {
                content(ti.template().nodes(), ti.values(), into, depth + 1);
            }
        }
    }

    private void element(Node.Element e, Object[] values, ObjectNode parent, int depth) throws EvtxFormatException {
        Content c = new Content(null);
        String dataName = null;
        for (Node.Attribute a : e.attributes) {
            JsonNode v = attributeValue(a, values);
            if (v == null || v.isNull()) continue;
            if (DATA.equals(e.name) && "Name".equals(a.name)) {
                dataName = v.asText();
                continue;
            }
            if (c.attributes == null) c.attributes = JSON.objectNode();
            c.attributes.set(a.name, v);
        }
        content(e.content, values, c, depth);
        JsonNode text = joined(c.texts);
        if (DATA.equals(e.name) && dataName != null) {
            put(parent, dataName, c.object != null ? withText(c.object, text) : text == null ? JSON.nullNode() : text);
        } else if (DATA.equals(e.name) && c.object == null && c.attributes == null) {
            if (text != null) unnamedData(parent, text);
        } else if (c.object != null) {
            put(parent, e.name, withText(c.object, text));
        } else if (c.attributes != null) {
            ObjectNode o = JSON.objectNode();
            o.set(ATTRIBUTES, c.attributes);
            put(parent, e.name, withText(o, text));
        } else {
            put(parent, e.name, text == null ? JSON.nullNode() : text);
        }
    }

    private static ObjectNode withText(ObjectNode o, JsonNode text) {
        if (text != null) o.set(TEXT, text);
        return o;
    }

    private static void unnamedData(ObjectNode parent, JsonNode text) {
        JsonNode existing = parent.get(DATA);
        if (existing instanceof ObjectNode o && o.size() == 1 && o.has(TEXT)) {
            JsonNode t = o.get(TEXT);
            ArrayNode all = JSON.arrayNode(); // a fresh array: values may be shared by several elements
            if (t instanceof ArrayNode a) all.addAll(a);
            else all.add(t);
            all.add(text);
            o.set(TEXT, all);
        } else {
            ObjectNode o = JSON.objectNode();
            o.set(TEXT, text);
            put(parent, DATA, o);
        }
    }

    private static void put(ObjectNode parent, String key, JsonNode value) {
        if (!parent.has(key)) {
            parent.set(key, value);
            return;
        }
        for (int i = 1; ; i++) {
            String k = key + "_" + i;
            if (!parent.has(k)) {
                parent.set(k, value);
                return;
            }
        }
    }

    /** One typed value stays typed; several parts are joined as text, as XML would show them. */
    private JsonNode attributeValue(Node.Attribute a, Object[] values) throws EvtxFormatException {
        List<JsonNode> parts = null;
        for (Node n : a.value) {
            JsonNode v = null;
            if (n instanceof Node.Text t) v = JSON.textNode(t.text());
            else if (n instanceof Node.Substitution s && value(values, s.index()) instanceof JsonNode j && !j.isNull()) v = j;
            if (v == null) continue;
            if (parts == null) parts = new ArrayList<>(1);
            parts.add(v);
        }
        return joined(parts);
    }

    private JsonNode joined(List<JsonNode> parts) throws EvtxFormatException {
        if (parts == null || parts.isEmpty()) return null;
        if (parts.size() == 1) return parts.get(0);
        StringBuilder s = new StringBuilder();
        for (JsonNode p : parts) {
            s.append(p.isValueNode() ? p.asText() : p.toString());
            budget -= p.isTextual() ? p.textValue().length() / 64 : 1;
        }
        spend();
        return JSON.textNode(s.toString());
    }

    private static Object value(Object[] values, int index) {
        return values == null || index >= values.length ? null : values[index];
    }

    private void spend() throws EvtxFormatException {
        if (--budget < 0) throw new EvtxFormatException("record expands to more than " + MAX_NODES + " nodes");
    }
}
