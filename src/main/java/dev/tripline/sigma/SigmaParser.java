package dev.tripline.sigma;

import dev.tripline.context.BoundedYaml;
import dev.tripline.model.Severity;

import java.math.BigInteger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Sigma YAML (possibly several documents per file) into {@link SigmaDocument}s. */
public final class SigmaParser {
    private static final int MAX_CODE_POINTS = 4 << 20;
    private static final Pattern TIMESPAN = Pattern.compile("\\s*([0-9]+)\\s*([smhd])\\s*");
    /** The longest correlation window the engine keeps detections for (CorrelationGenerator checks the same). */
    private static final BigInteger MAX_TIMESPAN_MS = BigInteger.valueOf(3_600_000L);

    private SigmaParser() {}

    /** One entry per YAML document: the document, or why it was rejected. */
    public record Parsed(SigmaDocument document, ConversionRejected rejected) {}

    public static List<Parsed> parse(String file, String yaml) {
        List<Parsed> out = new ArrayList<>();
        Iterable<Object> docs;
        try {
            docs = BoundedYaml.loadAll(file, yaml, MAX_CODE_POINTS);
        } catch (RuntimeException e) {
            String m = oneLine(e.getMessage());
            out.add(new Parsed(null, new ConversionRejected(file, null, null, null, m.startsWith("over limit:") ? m : "invalid YAML: " + m)));
            return out;
        }
        for (Object doc : docs) {
            if (doc == null) continue;
            String id = doc instanceof Map<?, ?> m && m.get("id") != null ? String.valueOf(m.get("id")) : null;
            try {
                out.add(new Parsed(document(file, doc), null));
            } catch (ConversionRejected r) {
                out.add(new Parsed(null, r.in(file, id)));
            }
        }
        return out;
    }

    private static SigmaDocument document(String file, Object doc) throws ConversionRejected {
        if (!(doc instanceof Map<?, ?> map)) throw ConversionRejected.of("invalid document: not a map");
        Map<String, Object> m = strings(map);
        SigmaDocument.Meta meta = meta(m);
        if (meta.title() == null) throw ConversionRejected.of("invalid document: no title");
        if (meta.level() != null && Severity.parse(meta.level()).isEmpty()) {
            throw ConversionRejected.of("invalid document: unknown level '" + meta.level() + "' (known: informational, low, medium, high, critical)");
        }
        if (m.get("correlation") != null) return correlation(file, meta, m);
        if (m.get("filter") != null) return filter(file, meta, m);
        if (!(m.get("detection") instanceof Map<?, ?> det)) throw ConversionRejected.of("invalid document: no detection");
        Map<String, Object> d = strings(det);
        return new SigmaDocument.Rule(file, meta, logsource(m), identifiers(d), conditions(d.get("condition")));
    }

    private static SigmaDocument.Meta meta(Map<String, Object> m) {
        return new SigmaDocument.Meta(text(m.get("id")), text(m.get("name")), text(m.get("title")), text(m.get("status")),
                text(m.get("description")), text(m.get("author")), list(m.get("references")), list(m.get("tags")),
                list(m.get("falsepositives")), text(m.get("level")), text(m.get("date")));
    }

    private static Map<String, String> logsource(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.get("logsource") instanceof Map<?, ?> ls) ls.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
        return out;
    }

    private static List<String> conditions(Object c) throws ConversionRejected {
        if (c == null) throw ConversionRejected.of("invalid detection: no condition");
        if (c instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) out.add(String.valueOf(o));
            if (out.isEmpty()) throw ConversionRejected.of("invalid detection: empty condition list");
            return out;
        }
        return List.of(String.valueOf(c));
    }

    private static LinkedHashMap<String, SigmaDocument.DetectionItem> identifiers(Map<String, Object> d) throws ConversionRejected {
        LinkedHashMap<String, SigmaDocument.DetectionItem> out = new LinkedHashMap<>();
        for (var e : d.entrySet()) {
            if (e.getKey().equals("condition") || e.getKey().equals("timeframe")) {
                if (e.getKey().equals("timeframe")) throw ConversionRejected.of("unsupported detection: 'timeframe' is deprecated; use a correlation rule");
                continue;
            }
            out.put(e.getKey(), item(e.getKey(), e.getValue()));
        }
        return out;
    }

    static SigmaDocument.DetectionItem item(String name, Object v) throws ConversionRejected {
        if (v instanceof Map<?, ?> map) {
            List<SigmaDocument.FieldMatch> matches = new ArrayList<>();
            for (var e : strings(map).entrySet()) matches.add(fieldMatch(e.getKey(), e.getValue()));
            if (matches.isEmpty()) throw ConversionRejected.of("invalid detection: identifier '" + name + "' is empty");
            return new SigmaDocument.FieldGroup(matches);
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) throw ConversionRejected.of("invalid detection: identifier '" + name + "' is an empty list");
            boolean structured = list.stream().allMatch(o -> o instanceof Map<?, ?> || o instanceof List<?>);
            if (structured) {
                List<SigmaDocument.DetectionItem> items = new ArrayList<>();
                for (Object o : list) items.add(item(name, o));
                return new SigmaDocument.AnyOf(items);
            }
            if (list.stream().anyMatch(o -> o instanceof Map<?, ?> || o instanceof List<?>)) {
                throw ConversionRejected.of("invalid detection: identifier '" + name + "' mixes maps and plain values");
            }
            return new SigmaDocument.Keywords(new ArrayList<>(list));
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return new SigmaDocument.Keywords(one);
    }

    private static SigmaDocument.FieldMatch fieldMatch(String key, Object value) throws ConversionRejected {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        List<Modifier> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            var m = Modifier.of(parts[i]);
            if (m.isEmpty()) throw ConversionRejected.field(field, parts[i], "unsupported modifier: '" + parts[i] + "' in '" + key + "'");
            mods.add(m.get());
        }
        List<Object> values = new ArrayList<>();
        if (value instanceof List<?> l) values.addAll(l);
        else values.add(value);
        if (values.isEmpty()) throw ConversionRejected.field(field, null, "invalid detection: '" + key + "' has an empty value list");
        for (Object o : values) {
            if (o instanceof Map<?, ?> || o instanceof List<?>) throw ConversionRejected.field(field, null, "invalid detection: '" + key + "' has a nested structure as a value");
        }
        return new SigmaDocument.FieldMatch(key, field, mods, values);
    }

    private static SigmaDocument correlation(String file, SigmaDocument.Meta meta, Map<String, Object> m) throws ConversionRejected {
        if (!(m.get("correlation") instanceof Map<?, ?> cm)) throw ConversionRejected.of("invalid correlation: 'correlation' is not a map");
        Map<String, Object> c = strings(cm);
        Map<String, Object> condition = new LinkedHashMap<>();
        if (c.get("condition") instanceof Map<?, ?> cond) condition.putAll(strings(cond));
        else if (c.get("condition") != null) throw ConversionRejected.of("invalid correlation: 'condition' must be a map");
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (c.get("aliases") instanceof Map<?, ?> al) {
            for (var e : strings(al).entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> perRule)) throw ConversionRejected.of("invalid correlation: alias '" + e.getKey() + "' must map rules to fields");
                Map<String, String> pr = new LinkedHashMap<>();
                perRule.forEach((k, v) -> pr.put(String.valueOf(k), text(v)));
                aliases.put(e.getKey(), pr);
            }
        }
        Object gen = c.containsKey("generate") ? c.get("generate") : m.get("generate");
        boolean generate = gen instanceof Boolean b ? b : gen != null && Boolean.parseBoolean(String.valueOf(gen));
        Object timespan = c.containsKey("timespan") ? c.get("timespan") : c.get("timeframe");
        checkTimespan(text(timespan));
        return new SigmaDocument.Correlation(file, meta, text(c.get("type")), list(c.get("rules")), list(c.get("group-by")),
                text(timespan), condition, aliases, generate, text(c.get("field")));
    }

    /** A timespan too long for a long is over the limit, never wrapped around into a short window. */
    private static void checkTimespan(String text) throws ConversionRejected {
        if (text == null) return;
        Matcher mm = TIMESPAN.matcher(text);
        if (!mm.matches()) return; // CorrelationGenerator says what is expected
        BigInteger unit = BigInteger.valueOf(switch (mm.group(2)) { case "s" -> 1000L; case "m" -> 60_000L; case "h" -> 3_600_000L; default -> 86_400_000L; });
        if (new BigInteger(mm.group(1)).multiply(unit).compareTo(MAX_TIMESPAN_MS) > 0) {
            throw ConversionRejected.of("unsupported correlation: timespan " + text.strip() + " is over the limit of 1h, the longest window detections outlive");
        }
    }

    private static SigmaDocument filter(String file, SigmaDocument.Meta meta, Map<String, Object> m) throws ConversionRejected {
        if (!(m.get("filter") instanceof Map<?, ?> fm)) throw ConversionRejected.of("invalid filter: 'filter' is not a map");
        Map<String, Object> f = strings(fm);
        Object rules = f.get("rules");
        boolean any = rules == null || "any".equalsIgnoreCase(String.valueOf(rules));
        Map<String, Object> det = new LinkedHashMap<>(f);
        det.remove("rules");
        return new SigmaDocument.Filter(file, meta, logsource(m), any ? List.of() : list(rules), any, identifiers(det),
                conditions(det.get("condition")));
    }

    private static Map<String, Object> strings(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static String text(Object o) { return o == null ? null : String.valueOf(o); }

    static List<String> list(Object o) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return l.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        return Collections.singletonList(String.valueOf(o));
    }

    private static String oneLine(String s) { return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " "); }
}
