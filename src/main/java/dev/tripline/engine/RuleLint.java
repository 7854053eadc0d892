package dev.tripline.engine;

import dev.tripline.model.Severity;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine needs from every rule that produces findings — every rule with an {@code @id}: the id is
 * unique across the rule set, {@code @level} is a known severity, and {@code @title} and {@code @tags} are
 * present (alerts carry them). Rules without {@code @id} (classification, escalation, helper rules) produce
 * no alerts of their own and are not checked. Works on the parsed DRL, so each problem has its file and line
 * even when other files do not compile; a file that does not parse is left to the compiler's messages.
 */
public final class RuleLint {
    /** The annotations a finding-producing rule must carry. */
    public static final List<String> REQUIRED = List.of("id", "title", "level", "tags");

    /** A rule as its annotations describe it, with where it is written. */
    public record RuleDeclaration(String path, int line, String packageName, String name, Map<String, String> annotations) {
        public String id() { return annotations.get("id"); }
    }

    private RuleLint() {}

    /** Every problem of every rule with an {@code @id}, in file order. */
    public static List<RuleDiagnostic> check(RuleSource source) {
        return check(declarations(source));
    }

    static List<RuleDiagnostic> check(List<RuleDeclaration> rules) {
        List<RuleDiagnostic> out = new ArrayList<>();
        Map<String, RuleDeclaration> firstById = new LinkedHashMap<>();
        for (RuleDeclaration r : rules) {
            String id = r.id();
            if (id == null) continue;
            if (id.isBlank()) {
                out.add(error(r, "rule \"" + r.name() + "\": @id is empty"));
                continue;
            }
            RuleDeclaration first = firstById.putIfAbsent(id, r);
            if (first != null) {
                out.add(error(r, "rule \"" + r.name() + "\": duplicate @id \"" + id + "\" (also rule \"" + first.name()
                        + "\" at " + first.path() + ":" + first.line() + ")"));
            }
            String level = r.annotations().get("level");
            if (level == null || level.isBlank()) {
                out.add(error(r, "rule \"" + r.name() + "\": @level is missing (one of " + levels() + ")"));
            } else if (Severity.parse(level).isEmpty()) {
                out.add(error(r, "rule \"" + r.name() + "\": @level \"" + level + "\" is not a known severity (one of " + levels() + ")"));
            }
            for (String required : List.of("title", "tags")) {
                String v = r.annotations().get(required);
                if (v == null || v.isBlank()) out.add(error(r, "rule \"" + r.name() + "\": @" + required + " is missing"));
            }
        }
        return out;
    }

    /** The rules of every DRL file that parses, with their annotations. */
    public static List<RuleDeclaration> declarations(RuleSource source) {
        List<RuleDeclaration> out = new ArrayList<>();
        for (RuleFile f : source.drlFiles()) {
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, f.content());
            } catch (DroolsParserException | RuntimeException e) {
                continue;
            }
            if (pkg == null || parser.hasErrors()) continue;
            for (RuleDescr rule : pkg.getRules()) {
                Map<String, String> annotations = new LinkedHashMap<>();
                for (AnnotationDescr a : rule.getAnnotations()) annotations.put(a.getName(), value(a));
                out.add(new RuleDeclaration(f.displayPath(), rule.getLine(), pkg.getName(), rule.getName(), annotations));
            }
        }
        return out;
    }

    private static String value(AnnotationDescr a) {
        Object v = a.hasValue() ? a.getValue() : null;
        if (v == null) return "";
        String s = v.toString().strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1).strip();
        return s;
    }

    private static RuleDiagnostic error(RuleDeclaration r, String message) {
        return new RuleDiagnostic(r.path(), r.line(), 0, RuleDiagnostic.Level.ERROR, message);
    }

    private static String levels() {
        return String.join(", ", java.util.Arrays.stream(Severity.values()).map(Severity::label).toList());
    }
}
