package dev.tripline.sigma.runtime;

import dev.tripline.model.CorrelatedFinding;
import dev.tripline.model.Detection;
import dev.tripline.model.Finding;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What correlation DRL converted from Sigma calls: which rule a fact came from, its group-by key, and the
 * per-type conditions over the detections in the window. Each condition receives the detections before the
 * trigger ({@code earlier}, from an accumulate) and the trigger itself separately, because an accumulate does
 * not reliably see the fact that triggered it in the same firing.
 */
public final class Correlations {
    /** Canonical event properties by name (the names {@code dev.tripline.sigma.FieldMapping} maps Sigma fields to). */
    private static final Map<String, Function<ProcessEvent, String>> PROPERTIES = new LinkedHashMap<>();
    private static final Map<String, GroupSpec> SPECS = new ConcurrentHashMap<>();

    static {
        PROPERTIES.put("image", ProcessEvent::getImage);
        PROPERTIES.put("originalFileName", ProcessEvent::getOriginalFileName);
        PROPERTIES.put("commandLine", ProcessEvent::getCommandLine);
        PROPERTIES.put("parentImage", ProcessEvent::getParentImage);
        PROPERTIES.put("parentCommandLine", ProcessEvent::getParentCommandLine);
        PROPERTIES.put("user", ProcessEvent::getUser);
        PROPERTIES.put("userName", e -> e.getActor().getName());
        PROPERTIES.put("userDomain", e -> e.getActor().getDomain());
        PROPERTIES.put("integrityLevel", ProcessEvent::getIntegrityLevel);
        PROPERTIES.put("logonId", ProcessEvent::getLogonId);
        PROPERTIES.put("currentDirectory", ProcessEvent::getCurrentDirectory);
        PROPERTIES.put("hashes", ProcessEvent::getHashes);
        PROPERTIES.put("description", ProcessEvent::getDescription);
        PROPERTIES.put("product", ProcessEvent::getProduct);
        PROPERTIES.put("company", ProcessEvent::getCompany);
        PROPERTIES.put("fileVersion", ProcessEvent::getFileVersion);
        PROPERTIES.put("parentUser", ProcessEvent::getParentUser);
        PROPERTIES.put("processId", ProcessEvent::getProcessId);
        PROPERTIES.put("parentProcessId", ProcessEvent::getParentProcessId);
        PROPERTIES.put("host", ProcessEvent::getHost);
    }

    private Correlations() {}

    public static boolean knowsProperty(String name) { return PROPERTIES.containsKey(name); }

    /** The rule id a fact reports: a finding's, or a quiet detection's; null for anything else. */
    public static String ruleId(Object fact) {
        if (fact instanceof Finding f) return f.getRuleId();
        if (fact instanceof QuietDetection q) return q.getRuleId();
        return null;
    }

    /** The event a fact is about (for chained correlations, the first event of the inner correlation). */
    static ProcessEvent event(Object fact) {
        if (fact instanceof Detection d) return d.getEvent();
        if (fact instanceof QuietDetection q) return q.getDetection().getEvent();
        if (fact instanceof Finding f && !f.getEvents().isEmpty()) return f.getEvents().get(0);
        return null;
    }

    /**
     * The group-by key of a fact: the folded values of the spec's properties joined by U+001F. A spec is
     * {@code prop,prop,…}; an aliased entry is {@code {ruleId=prop;ruleId=prop}} (the property depends on the rule).
     */
    public static String groupKey(Object fact, String spec) {
        ProcessEvent e = event(fact);
        if (e == null) return "";
        GroupSpec g = SPECS.computeIfAbsent(spec, GroupSpec::parse);
        String rule = ruleId(fact);
        StringBuilder b = new StringBuilder();
        for (Map<String, String> entry : g.entries()) {
            String prop = entry.containsKey("") ? entry.get("") : entry.get(rule);
            Function<ProcessEvent, String> getter = prop == null ? null : PROPERTIES.get(prop);
            String v = getter == null ? null : getter.apply(e);
            if (b.length() > 0) b.append('\u001f');
            b.append(v == null ? "\u0000" : Text.fold(v));
        }
        return b.toString();
    }

    private record GroupSpec(List<Map<String, String>> entries) {
        static GroupSpec parse(String spec) {
            List<Map<String, String>> out = new ArrayList<>();
            if (spec.isEmpty()) return new GroupSpec(out);
            for (String part : spec.split(",(?![^{]*})")) {
                Map<String, String> m = new LinkedHashMap<>();
                if (part.startsWith("{") && part.endsWith("}")) {
                    for (String kv : part.substring(1, part.length() - 1).split(";")) {
                        int eq = kv.indexOf('=');
                        m.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                } else {
                    m.put("", part);
                }
                out.add(m);
            }
            return new GroupSpec(out);
        }
    }

    /** The window's facts, trigger included, each {@link CorrelationInput} read as the fact it carries. */
    private static List<Object> all(Collection<?> earlier, Object last) {
        List<Object> out = new ArrayList<>(earlier.size() + 1);
        for (Object o : earlier) out.add(unwrap(o));
        Object l = unwrap(last);
        if (!out.contains(l)) out.add(l);
        return out;
    }

    private static Object unwrap(Object o) { return o instanceof CorrelationInput i ? i.getFact() : o; }

    /** event_count: distinct events among the window's detections (one event matched by two rules counts once). */
    public static int eventCount(Collection<?> earlier, Object last) {
        Set<Object> events = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : all(earlier, last)) {
            if (o instanceof CorrelatedFinding c) events.add(c);
            else events.add(event(o));
        }
        return events.size();
    }

    /** value_count: distinct (folded) values of a property; absent values do not count. */
    public static int valueCount(Collection<?> earlier, Object last, String property) {
        Set<String> values = new HashSet<>();
        Function<ProcessEvent, String> getter = PROPERTIES.get(property);
        for (Object o : all(earlier, last)) {
            ProcessEvent e = event(o);
            String v = e == null || getter == null ? null : getter.apply(e);
            if (v != null) values.add(Text.fold(v));
        }
        return values.size();
    }

    /** temporal: how many of the referenced rules (comma-separated ids) appear in the window. */
    public static int rulesSeen(Collection<?> earlier, Object last, String ruleIds) {
        Set<String> wanted = Set.of(ruleIds.split(","));
        Set<String> seen = new HashSet<>();
        for (Object o : all(earlier, last)) {
            String id = ruleId(o);
            if (wanted.contains(id)) seen.add(id);
        }
        return seen.size();
    }

    /** temporal_ordered: the referenced rules occur in the listed order (strictly increasing time) within the window. */
    public static boolean inOrder(Collection<?> earlier, Object last, String ruleIds) {
        String[] order = ruleIds.split(",");
        List<Object> facts = all(earlier, last);
        facts.sort(Comparator.comparingLong(Correlations::time));
        int next = 0;
        long lastTime = Long.MIN_VALUE;
        for (Object o : facts) {
            if (next < order.length && order[next].equals(ruleId(o)) && time(o) > lastTime) {
                lastTime = time(o);
                next++;
            }
        }
        return next == order.length;
    }

    static long time(Object o) {
        if (o instanceof Finding f) return f.getTime();
        if (o instanceof QuietDetection q) return q.getTime();
        return 0;
    }

    /** The detections to report: the window's detections (quiet or not, inner correlations flattened), trigger included. */
    public static List<Detection> detections(Collection<?> earlier, Object last) {
        List<Detection> out = new ArrayList<>();
        for (Object o : all(earlier, last)) {
            if (o instanceof Detection d) out.add(d);
            else if (o instanceof QuietDetection q) out.add(q.getDetection());
            else if (o instanceof CorrelatedFinding c) out.addAll(c.getDetections());
        }
        return out;
    }
}
