package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.RuleInfo;
import dev.tripline.model.Severity;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alerts counted by rule, by host and by ATT&amp;CK technique, each split by severity, as Hayabusa's results
 * summary does. Suppressed alerts are left out. Memory grows with distinct rules, hosts and techniques.
 */
public final class AlertCounts {
    private static final Pattern TECHNIQUE = Pattern.compile("(?i)attack\\.(t\\d{4}(?:\\.\\d{3})?)");

    /** One group: its name, how many alerts of each severity, and how many in all. */
    public static final class Group {
        private final String key;
        private final String label;
        private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        private long total;

        Group(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() { return key; }
        public String label() { return label; }
        public long total() { return total; }
        public long count(Severity s) { return bySeverity.getOrDefault(s, 0L); }
        /** The highest severity in the group. */
        public Severity worst() {
            Severity w = Severity.INFORMATIONAL;
            for (Severity s : bySeverity.keySet()) w = w.max(s);
            return w;
        }

        void add(Severity s) {
            bySeverity.merge(s, 1L, Long::sum);
            total++;
        }
    }

    private final Map<String, Group> byRule = new HashMap<>();
    private final Map<String, Group> byHost = new HashMap<>();
    private final Map<String, Group> byTechnique = new HashMap<>();

    public void add(Alert a) {
        if (a.suppressed()) return;
        byRule.computeIfAbsent(a.rule().id(), id -> new Group(id, a.rule().title())).add(a.severity());
        for (String h : hosts(a)) byHost.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new Group(h, h)).add(a.severity());
        for (String t : techniques(a.rule())) byTechnique.computeIfAbsent(t, k -> new Group(t, t)).add(a.severity());
    }

    /** A sink that counts what passes through to {@code downstream}. */
    public AlertSink feeding(AlertSink downstream) {
        return new AlertSink() {
            @Override public void write(Alert a) throws java.io.IOException {
                downstream.write(a);
                add(a);
            }

            @Override public void close() throws java.io.IOException { downstream.close(); }
        };
    }

    /** Control and bidi characters as visible escapes, so a host or rule title from the logs cannot drive the terminal. */
    public static String printable(String s) {
        return s == null ? "-" : TerminalText.escape(s);
    }

    /** Largest first, then by name. */
    public List<Group> byRule() { return sorted(byRule); }
    public List<Group> byHost() { return sorted(byHost); }
    public List<Group> byTechnique() { return sorted(byTechnique); }

    /** The ATT&amp;CK technique ids among a rule's tags ({@code attack.t1087.002} → {@code T1087.002}), in tag order. */
    public static List<String> techniques(RuleInfo rule) {
        Set<String> out = new LinkedHashSet<>();
        for (String tag : rule.tags()) {
            Matcher m = TECHNIQUE.matcher(tag.trim());
            if (m.matches()) out.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        return new ArrayList<>(out);
    }

    /** The distinct hosts of an alert: its own, then those of its events (a correlation may span several). */
    public static List<String> hosts(Alert a) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        if (a.host() != null && seen.add(a.host().toLowerCase(Locale.ROOT))) out.add(a.host());
        for (ProcessEvent e : a.events()) {
            if (e.getHost() != null && seen.add(e.getHost().toLowerCase(Locale.ROOT))) out.add(e.getHost());
        }
        return out;
    }

    private static List<Group> sorted(Map<String, Group> groups) {
        List<Group> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingLong(Group::total).reversed().thenComparing(Group::label));
        return list;
    }

    /** The three tables for {@code --summary}, on stderr; {@code safe} makes log text harmless for the terminal. */
    public void writeTable(PrintWriter out, java.util.function.UnaryOperator<String> safe) {
        table(out, "alerts by rule", "RULE", byRule(), g -> g.label() + " (" + g.key() + ")", safe);
        table(out, "alerts by host", "HOST", byHost(), Group::label, safe);
        table(out, "alerts by ATT&CK technique (from rule tags)", "TECHNIQUE", byTechnique(), Group::label, safe);
        out.flush();
    }

    private static void table(PrintWriter out, String title, String column, List<Group> groups,
                              java.util.function.Function<Group, String> name, java.util.function.UnaryOperator<String> safe) {
        out.println(title + ":");
        if (groups.isEmpty()) {
            out.println("  (none)");
            return;
        }
        out.printf("  %6s %8s %6s %6s %6s %6s  %s%n", "TOTAL", "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", column);
        for (Group g : groups) {
            out.printf("  %6d %8d %6d %6d %6d %6d  %s%n", g.total(), g.count(Severity.CRITICAL), g.count(Severity.HIGH),
                    g.count(Severity.MEDIUM), g.count(Severity.LOW), g.count(Severity.INFORMATIONAL), safe.apply(name.apply(g)));
        }
    }
}
