package dev.tripline.sigma;

import dev.tripline.sigma.runtime.Correlations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a Sigma correlation as two DRL rules in the style of the core's burst rule (correlation/discovery_burst.drl):
 * a first rule files each detection of the named rules as a {@code CorrelationInput} under its group-by key (the
 * window's memory: detections themselves leave working memory minutes after they arrive); the second raises one
 * alert when a group's window meets the condition and opens an episode (a {@code CorrelationMark}); the third
 * extends an open episode with every later matching input, so an episode alerts once and nothing is lost at
 * window edges. The window's earlier inputs come from an accumulate that excludes the trigger; the trigger is
 * added explicitly.
 */
final class CorrelationGenerator {
    /** A correlation's inputs live 65 minutes (sigma.runtime.CorrelationInput); a window must fit inside that. */
    static final long MAX_TIMESPAN_MS = 3_600_000L;
    private static final Pattern TIMESPAN = Pattern.compile("([0-9]+)([smhd])");
    /** The session clock, for a mark's lifetime: a mark lives from when it is made, not from its detection's time. */
    private static final String NOW = "drools.getKieRuntime().getSessionClock().getCurrentTime()";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:\\-]+");

    private CorrelationGenerator() {}

    static String generate(String pkg, SigmaDocument.Correlation c, String ruleName, Map<String, String> idByName) throws ConversionRejected {
        String type = c.type() == null ? "" : c.type();
        if (!List.of("event_count", "value_count", "temporal", "temporal_ordered").contains(type)) {
            throw ConversionRejected.of("unsupported correlation: type '" + type + "'" + (type.startsWith("value_") ? " (value_sum/avg/percentile need numeric fields a process event does not carry)" : ""));
        }
        if (c.rules().isEmpty()) throw ConversionRejected.of("invalid correlation: no rules");
        List<String> refs = new ArrayList<>();
        for (String r : c.rules()) {
            String id = idByName.getOrDefault(r, r);
            if (!SAFE_ID.matcher(id).matches()) throw ConversionRejected.of("invalid correlation: rule reference '" + r + "' is neither a known name nor an id");
            refs.add(id);
        }
        long span = timespan(c.timespan());

        // group-by (with aliases) as a key spec over canonical properties
        List<String> specParts = new ArrayList<>();
        for (String g : c.groupBy()) {
            Map<String, String> alias = c.aliases().get(g);
            if (alias != null) {
                List<String> kv = new ArrayList<>();
                for (var e : alias.entrySet()) {
                    String id = idByName.getOrDefault(e.getKey(), e.getKey());
                    if (!SAFE_ID.matcher(id).matches()) throw ConversionRejected.field(g, null, "invalid correlation: alias rule '" + e.getKey() + "'");
                    kv.add(id + "=" + FieldMapping.resolve(e.getValue()).name());
                }
                specParts.add("{" + String.join(";", kv) + "}");
            } else {
                specParts.add(FieldMapping.resolve(g).name());
            }
        }
        String spec = String.join(",", specParts);

        Map<String, Object> cond = c.condition();
        String check;
        String condText;
        switch (type) {
            case "event_count", "value_count" -> {
                int min = lowerBound(cond);
                String field = null;
                if (type.equals("value_count")) {
                    if (c.field() == null) throw ConversionRejected.of("invalid correlation: value_count needs 'field'");
                    field = FieldMapping.resolve(c.field()).name();
                    if (!Correlations.knowsProperty(field)) throw ConversionRejected.field(c.field(), null, "unknown field: no runtime accessor");
                }
                check = type.equals("event_count")
                        ? "Correlations.eventCount( $earlier, $last ) >= " + min
                        : "Correlations.valueCount( $earlier, $last, " + DrlText.literal(field) + " ) >= " + min;
                condText = (type.equals("event_count") ? "events" : "distinct " + c.field()) + " >= " + min;
            }
            case "temporal" -> {
                int min = cond.isEmpty() ? refs.size() : lowerBound(cond);
                check = "Correlations.rulesSeen( $earlier, $last, " + DrlText.literal(String.join(",", new LinkedHashSet<>(refs))) + " ) >= " + min;
                condText = min + " of the rules, any order";
            }
            default -> {
                if (!cond.isEmpty() && lowerBound(cond) != refs.size())
                    throw ConversionRejected.of("unsupported correlation: temporal_ordered with a condition other than all rules");
                check = "Correlations.inOrder( $earlier, $last, " + DrlText.literal(String.join(",", refs)) + " )";
                condText = "all rules, in order";
            }
        }

        Set<String> refSet = new LinkedHashSet<>(refs);
        StringBuilder in = new StringBuilder();
        for (String r : refSet) in.append(in.length() == 0 ? "" : ", ").append(DrlText.literal(r));
        String id = DrlText.literal(c.id());
        String keyOf = "Correlations.groupKey( %s, " + DrlText.literal(spec) + " )";
        String window = "time <= $t, time >= $t - " + span + "L";

        SigmaDocument.Meta m = c.meta();
        StringBuilder b = new StringBuilder();
        b.append("package ").append(pkg).append(";\n\n");
        b.append("// Sigma correlation ").append(DrlText.comment(m.id())).append(", \"").append(DrlText.comment(m.title())).append("\"");
        if (m.author() != null) b.append(",\n// by ").append(DrlText.comment(m.author()));
        b.append(";\n// Detection Rule License 1.1. Converted by Tripline.\n//\n");
        b.append("//   type: ").append(type).append("; rules: ").append(DrlText.comment(String.join(", ", c.rules())))
                .append("\n//   group-by: ").append(DrlText.comment(String.join(", ", c.groupBy()))).append("; timespan: ")
                .append(DrlText.comment(c.timespan())).append("; condition: ").append(DrlText.comment(condText)).append("\n//\n");
        b.append("// Each detection of the named rules is filed as a CorrelationInput under its group-by key: the window\n");
        b.append("// remembers it for the timespan (detections themselves leave memory minutes after they arrive).\n");
        b.append("// One alert per episode: the input that meets the condition raises it, listing every detection in the\n");
        b.append("// window, and opens an episode (a CorrelationMark); later inputs of the same group within the\n");
        b.append("// timespan of an open episode extend it instead of alerting again. The accumulate gathers the inputs\n");
        b.append("// before the trigger and the helpers add the trigger itself: an accumulate does not reliably see the fact\n");
        b.append("// that triggered it in the same firing. A mark lives 3h from when it is made (not from its detection's\n");
        b.append("// time), so an input never outlives the mark that suppresses it, and a mark is never already expired\n");
        b.append("// when it is inserted (which would fire the rule again in a loop).\n\n");
        b.append("import dev.tripline.model.CorrelatedFinding;\n");
        b.append("import dev.tripline.model.TimedFact;\n");
        b.append("import dev.tripline.sigma.runtime.CorrelationInput;\n");
        b.append("import dev.tripline.sigma.runtime.CorrelationMark;\n");
        b.append("import dev.tripline.sigma.runtime.Correlations;\n\n");

        b.append("rule ").append(DrlText.literal(ruleName + " (its window keeps each detection of the rules it names)")).append('\n');
        b.append("when\n");
        b.append("    $f : TimedFact( Correlations.ruleId( this ) in ( ").append(in).append(" ) )\n");
        b.append("then\n");
        b.append("    insert( new CorrelationInput( ").append(id).append(", ").append(String.format(keyOf, "$f")).append(", $f ) );\n");
        b.append("end\n\n");

        b.append("rule ").append(DrlText.literal(ruleName)).append('\n');
        RuleGenerator.annotations(b, m);
        b.append("when\n");
        b.append("    $last : CorrelationInput( correlation == ").append(id).append(", $k : group, $t : time )\n");
        b.append("    not CorrelationMark( correlation == ").append(id).append(", group == $k, ").append(window).append(" )\n");
        b.append("    accumulate( $i : CorrelationInput( this != $last, correlation == ").append(id).append(", group == $k, ").append(window).append(" );\n");
        b.append("                $earlier : collectList( $i ) )\n");
        b.append("    eval( ").append(check).append(" )\n");
        b.append("then\n");
        b.append("    insert( CorrelatedFinding.of( drools.getRule().getName(), drools.getRule().getMetaData(), Correlations.detections( $earlier, $last ) ) );\n");
        b.append("    insert( new CorrelationMark( ").append(id).append(", $k, $t, $last, ").append(NOW).append(" ) );\n");
        b.append("end\n\n");

        b.append("rule ").append(DrlText.literal(ruleName + " (open episode continues)")).append('\n');
        b.append("when\n");
        b.append("    $i : CorrelationInput( correlation == ").append(id).append(", $k : group, $t : time )\n");
        b.append("    exists( CorrelationMark( correlation == ").append(id).append(", group == $k, trigger != $i, ").append(window).append(" ) )\n");
        b.append("    not CorrelationMark( correlation == ").append(id).append(", trigger == $i )\n");
        b.append("then\n");
        b.append("    insert( new CorrelationMark( ").append(id).append(", $k, $t, $i, ").append(NOW).append(" ) );\n");
        b.append("end\n");
        return b.toString();
    }

    static long timespan(String text) throws ConversionRejected {
        if (text == null) throw ConversionRejected.of("invalid correlation: no timespan");
        Matcher mm = TIMESPAN.matcher(text.strip());
        if (!mm.matches()) throw ConversionRejected.of("invalid correlation: timespan '" + text + "' (expected e.g. 30s, 5m, 1h, 2d)");
        long n = Long.parseLong(mm.group(1));
        long ms = n * switch (mm.group(2)) { case "s" -> 1000L; case "m" -> 60_000L; case "h" -> 3_600_000L; default -> 86_400_000L; };
        if (ms <= 0) throw ConversionRejected.of("invalid correlation: timespan must be positive");
        if (ms > MAX_TIMESPAN_MS) throw ConversionRejected.of("unsupported correlation: timespan " + text + " exceeds 1h, the longest window a correlation keeps its inputs for");
        return ms;
    }

    /** gt/gte as a minimum count; upper bounds need evaluation at window end, which a streaming conversion does not do. */
    private static int lowerBound(Map<String, Object> cond) throws ConversionRejected {
        if (cond.isEmpty()) throw ConversionRejected.of("invalid correlation: no condition");
        Integer min = null;
        for (var e : cond.entrySet()) {
            String k = e.getKey();
            if (k.equals("field")) continue;
            int v;
            try {
                v = Integer.parseInt(String.valueOf(e.getValue()).strip());
            } catch (NumberFormatException ex) {
                throw ConversionRejected.of("invalid correlation: condition " + k + " '" + e.getValue() + "' is not an integer");
            }
            switch (k) {
                case "gte" -> min = Math.max(min == null ? 0 : min, v);
                case "gt" -> min = Math.max(min == null ? 0 : min, v + 1);
                default -> throw ConversionRejected.of("unsupported correlation: condition '" + k + "' (upper bounds and equality need evaluation at window end; only gt/gte are converted)");
            }
        }
        if (min == null || min < 1) throw ConversionRejected.of("invalid correlation: condition needs gt or gte of at least 1");
        return min;
    }
}
