package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading values out of records the way log exporters write them: "-" and "" mean absent, numbers are
 * text, evtx dumps wrap some values as {@code {"#text": …}}, and ECS exporters write both nested objects
 * and dotted keys ({@code "process.executable": …}).
 */
final class Fields {
    private Fields() {}

    /** The field as text, or null when absent, null, blank or "-". */
    static String text(JsonNode node, String field) {
        return node == null ? null : scalar(node.get(field));
    }

    /** The first of the fields that has a value. */
    static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) return v;
        }
        return null;
    }

    /** A value node as text: strings trimmed of nothing (command lines keep their spaces), numbers as written. */
    static String scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        if (v.isTextual()) return clean(v.textValue());
        if (v.isNumber() || v.isBoolean()) return v.asText();
        if (v.isObject()) return scalar(v.get("#text"));
        return null;
    }

    /** "-" and blank strings are how Windows writes "no value". */
    static String clean(String s) {
        if (s == null || s.isEmpty()) return null;
        if (s.length() == 1 && s.charAt(0) == '-') return null;
        return s.isBlank() ? null : s;
    }

    /**
     * The value at a dotted path, accepting every mix of nesting and dotted keys: for {@code a.b.c} it tries
     * {@code {"a.b.c"}}, {@code {"a":{"b.c"}}}, {@code {"a.b":{"c"}}} and {@code {"a":{"b":{"c"}}}}.
     */
    static JsonNode path(JsonNode node, String dottedPath) {
        if (node == null || !node.isObject()) return null;
        JsonNode direct = node.get(dottedPath);
        if (direct != null) return direct;
        for (int dot = dottedPath.indexOf('.'); dot > 0; dot = dottedPath.indexOf('.', dot + 1)) {
            JsonNode head = node.get(dottedPath.substring(0, dot));
            if (head != null && head.isObject()) {
                JsonNode found = path(head, dottedPath.substring(dot + 1));
                if (found != null) return found;
            }
        }
        return null;
    }

    static String pathText(JsonNode node, String dottedPath) {
        return scalar(path(node, dottedPath));
    }

    static String firstPathText(JsonNode node, String... dottedPaths) {
        for (String p : dottedPaths) {
            String v = pathText(node, p);
            if (v != null) return v;
        }
        return null;
    }

    /** Whether a string or an array of strings contains the value, ignoring case (ECS allows both forms). */
    static boolean containsIgnoreCase(JsonNode v, String wanted) {
        if (v == null) return false;
        if (v.isTextual()) return v.textValue().equalsIgnoreCase(wanted);
        if (v.isArray()) {
            for (JsonNode e : v) if (e.isTextual() && e.textValue().equalsIgnoreCase(wanted)) return true;
        }
        return false;
    }
}
