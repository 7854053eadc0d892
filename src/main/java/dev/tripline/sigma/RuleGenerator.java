package dev.tripline.sigma;

import dev.tripline.sigma.runtime.SigmaPrefilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes one Sigma detection rule (with any filters that apply to it) as one readable DRL file. */
final class RuleGenerator {
    private RuleGenerator() {}

    /**
     * @param ruleName unique rule name within the package (the title, disambiguated if needed)
     * @param quiet    the rule only feeds correlations ({@code generate: false}): it inserts a
     *                 {@code QuietDetection}, which raises no alert of its own
     */
    static String generate(String pkg, SigmaDocument.Rule rule, String ruleName, List<SigmaDocument.Filter> filters,
                           DetectionCompiler compiler, boolean quiet) throws ConversionRejected {
        return generate(pkg, rule, ruleName, filters, compiler, quiet, true);
    }

    /**
     * @param prefilter when the constraint needs some text ({@link Required}), the rule is written to run only on
     *                  events its package's prefilter names as candidates ({@link PrefilterRules}); otherwise, or
     *                  when false, on every event
     */
    static String generate(String pkg, SigmaDocument.Rule rule, String ruleName, List<SigmaDocument.Filter> filters,
                           DetectionCompiler compiler, boolean quiet, boolean prefilter) throws ConversionRejected {
        Expr constraint = compiler.detection(rule.detection(), rule.conditions());
        List<String> filterNotes = new ArrayList<>();
        for (SigmaDocument.Filter f : filters) {
            Map<String, SigmaDocument.DetectionItem> ids = new LinkedHashMap<>(f.detection());
            Expr fe;
            try {
                fe = compiler.detection(ids, f.conditions());
            } catch (ConversionRejected r) {
                throw new ConversionRejected(null, null, r.rejection().field(), r.rejection().modifier(),
                        "filter " + f.id() + " (" + f.file() + "): " + r.rejection().reason());
            }
            constraint = Expr.and(List.of(constraint, new Expr.Labeled("filter_" + DrlText.identifier(String.valueOf(f.id())), fe)));
            filterNotes.add(f.title() + " (" + f.id() + ")");
        }
        SigmaDocument.Meta m = rule.meta();
        StringBuilder b = new StringBuilder();
        b.append("package ").append(pkg).append(";\n\n");
        b.append("// Sigma rule ").append(DrlText.comment(m.id())).append(", \"").append(DrlText.comment(m.title())).append("\"");
        if (m.author() != null) b.append(",\n// by ").append(DrlText.comment(m.author()));
        b.append(";\n// SigmaHQ, Detection Rule License 1.1. Converted by Tripline: every comparison is case-insensitive\n");
        b.append("// on the folded (*Lower) fields unless the rule says 'cased'; see dev.tripline.sigma.runtime.SigmaMatch.\n");
        b.append("//\n");
        for (String c : rule.conditions()) b.append("//   condition: ").append(DrlText.comment(c)).append('\n');
        for (String fnote : filterNotes) b.append("//   and filter: ").append(DrlText.comment(fnote)).append('\n');
        b.append('\n');
        List<List<SigmaPrefilter.Literal>> needs = prefilter ? Required.of(constraint) : List.of();
        b.append("import dev.tripline.model.ProcessEvent;\n");
        b.append("import dev.tripline.model.Detection;\n");
        b.append("import dev.tripline.sigma.runtime.SigmaMatch;\n");
        if (!needs.isEmpty()) b.append("import dev.tripline.sigma.runtime.SigmaCandidate;\n");
        if (quiet) b.append("import dev.tripline.sigma.runtime.QuietDetection;\n");
        b.append('\n');
        if (quiet) {
            // Matched by correlations only as a TimedFact, so without a declaration naming it Drools never reads the
            // class's own @role/@expires: it would never expire, outlive the correlation's marks and re-trigger it.
            b.append("declare QuietDetection\n    @role( event )\n    @timestamp( time )\n    @expires( 2m )\nend\n\n");
        }
        b.append("rule ").append(DrlText.literal(ruleName)).append('\n');
        annotations(b, m);
        if (!needs.isEmpty()) b.append("    @prefilter( ").append(DrlText.literal(SigmaPrefilter.encode(needs))).append(" )\n");
        b.append("when\n");
        if (!needs.isEmpty()) {
            // The conditions test the candidate, which reads the event's fields: one pattern, so Drools tests them
            // in the alpha network right under the hashed rule name, with no join and no 'from' per candidate.
            b.append("    // Only events that hold the text in @prefilter (see ").append(PrefilterRules.FILE)
                    .append("); the candidate $c reads its event $e's fields\n");
            b.append("    $c : SigmaCandidate( rule == ").append(DrlText.literal(ruleName))
                    .append(", rulePackage == ").append(DrlText.literal(pkg)).append(", $e : event,\n");
        } else {
            b.append("    $e : ProcessEvent(\n");
        }
        b.append("        ").append(Expr.render(constraint, 8)).append('\n');
        b.append("    )\n");
        b.append("then\n");
        if (quiet) {
            b.append("    // generate: false — feeds correlations only, raises no alert of its own\n");
            b.append("    insert( new QuietDetection( Detection.of( drools.getRule().getName(), drools.getRule().getMetaData(), $e ) ) );\n");
        } else {
            b.append("    insert( Detection.of( drools.getRule().getName(), drools.getRule().getMetaData(), $e ) );\n");
        }
        b.append("end\n");
        return b.toString();
    }

    static void annotations(StringBuilder b, SigmaDocument.Meta m) {
        annotation(b, "id", m.id());
        annotation(b, "title", m.title());
        annotation(b, "level", m.level());
        annotation(b, "tags", String.join(", ", m.tags()));
        annotation(b, "falsepositives", String.join("; ", m.falsePositives()));
        annotation(b, "author", m.author());
        annotation(b, "references", String.join(" ", m.references()));
        annotation(b, "status", m.status());
    }

    private static void annotation(StringBuilder b, String name, String value) {
        if (value == null || value.isBlank()) return;
        b.append("    @").append(name).append("( ").append(DrlText.literal(value.strip())).append(" )\n");
    }
}
