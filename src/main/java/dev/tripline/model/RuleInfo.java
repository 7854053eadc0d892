package dev.tripline.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's identity as its DRL annotations state it ({@code @id}, {@code @title}, {@code @level}, {@code @tags},
 * {@code @falsepositives}), read from the rule's metadata at fire time — never copied into Java.
 */
public record RuleInfo(String name, String id, String title, Severity level, List<String> tags,
                       List<String> falsePositives) implements java.io.Serializable {

    public RuleInfo {
        tags = List.copyOf(tags);
        falsePositives = List.copyOf(falsePositives);
    }

    /**
     * The last rules read, by rule name: parsing a rule's metadata for each detection (the tag lists split by a regex)
     * was 5% of the session thread with every Sigma rule loaded. Drools 10 wraps the rule's metadata in a new
     * unmodifiable view on every call, so a read is reused when the name and the metadata are equal (the same entries:
     * a rule of another package with the same name and other metadata is read afresh). Enough slots for every SigmaHQ
     * rule loaded at once to keep its own mostly. Slots are replaced, never updated, so a racing reader sees a whole
     * entry or another one; a slot keeps at most one old rule's metadata reachable.
     */
    private static final Read[] LAST_READ = new Read[4096];

    private record Read(String name, Map<String, Object> meta, RuleInfo info) {}

    /** From {@code drools.getRule().getName()} and {@code drools.getRule().getMetaData()}. */
    public static RuleInfo of(String ruleName, Map<String, Object> meta) {
        int slot = ruleName.hashCode() & (LAST_READ.length - 1);
        Read last = LAST_READ[slot];
        if (last != null && last.name().equals(ruleName) && last.meta().equals(meta)) return last.info();
        RuleInfo info = read(ruleName, meta);
        LAST_READ[slot] = new Read(ruleName, meta, info);
        return info;
    }

    private static RuleInfo read(String ruleName, Map<String, Object> meta) {
        String id = text(meta.get("id"));
        String title = text(meta.get("title"));
        Severity level = Severity.parse(text(meta.get("level"))).orElse(Severity.MEDIUM);
        return new RuleInfo(ruleName, id == null ? ruleName : id, title == null ? ruleName : title, level,
                list(meta.get("tags")), list(meta.get("falsepositives")));
    }

    public boolean hasTag(String tag) { return tags.contains(tag); }

    /** Annotation values arrive as a String, an array or a collection depending on how they were written. */
    static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.addAll(list(v)));
        } else if (value instanceof Object[] a) {
            for (Object v : a) out.addAll(list(v));
        } else {
            for (String part : value.toString().split("[,;]")) {
                String t = unquote(part);
                if (!t.isEmpty()) out.add(t);
            }
        }
        return out;
    }

    static String text(Object value) {
        if (value == null) return null;
        String t = unquote(Objects.toString(value));
        return t.isEmpty() ? null : t;
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).trim();
        return t;
    }
}
