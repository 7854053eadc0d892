package dev.tripline.engine;

import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything {@code tripline validate} reports, each problem located in the file on disk: compiler errors and
 * warnings of every file, and {@link RuleLint}'s checks of the rules' metadata.
 *
 * <p>A syntax error stops the classic builder from reporting that file's other problems and can hide
 * problems of the files compiled with it, so when the full compile fails, files that do not parse are set
 * aside (their syntax errors reported) and the rest is compiled again, so every file's errors are reported.
 */
public final class RuleValidation {

    /** Compile errors and warnings, and metadata errors; {@code compiles()} when there are no compile errors. */
    public record Report(List<RuleDiagnostic> compileErrors, List<RuleDiagnostic> warnings, List<RuleDiagnostic> metadataErrors,
                         int files, int rules) {
        public boolean compiles() { return compileErrors.isEmpty(); }
        public boolean clean() { return compileErrors.isEmpty() && metadataErrors.isEmpty(); }

        /** Every problem, errors first, each group in file and line order. */
        public List<RuleDiagnostic> all() {
            List<RuleDiagnostic> out = new ArrayList<>(compileErrors);
            out.addAll(metadataErrors);
            out.addAll(warnings);
            return out;
        }
    }

    private RuleValidation() {}

    public static Report validate(RuleSource source) {
        Set<RuleDiagnostic> errors = new LinkedHashSet<>();
        Set<RuleDiagnostic> warnings = new LinkedHashSet<>();
        try {
            warnings.addAll(RuleCompiler.compile(source).warnings());
        } catch (RuleCompilationException e) {
            List<RuleFile> unparsable = new ArrayList<>();
            Set<String> unparsablePaths = new java.util.HashSet<>();
            for (RuleFile f : source.drlFiles()) {
                List<RuleDiagnostic> syntax = syntaxErrors(f);
                if (syntax.isEmpty()) continue;
                unparsable.add(f);
                unparsablePaths.add(f.displayPath());
                // The compiler's messages for the file, located; the parser's own when the compiler gave none.
                List<RuleDiagnostic> compilers = e.diagnostics().stream()
                        .filter(d -> d.path().equals(f.displayPath()) && !d.message().startsWith("Parser returned a null Package")).toList();
                errors.addAll(compilers.isEmpty() ? syntax : compilers);
            }
            List<RuleFile> rest = source.files().stream().filter(f -> !unparsable.contains(f)).toList();
            if (unparsable.isEmpty()) {
                errors.addAll(e.diagnostics());
            } else if (rest.stream().anyMatch(RuleFile::isDrl)) {
                // The other files' errors come from compiling them without the unparsable ones: a syntax error
                // can hide or distort the errors of the files compiled with it.
                try {
                    warnings.addAll(RuleCompiler.compile(RuleSource.of(source.description(), rest)).warnings());
                } catch (RuleCompilationException again) {
                    errors.addAll(again.diagnostics());
                }
            } else {
                e.diagnostics().stream().filter(d -> !unparsablePaths.contains(d.path())
                        && !d.message().startsWith("Parser returned a null Package")).forEach(errors::add);
            }
        }
        List<RuleDiagnostic> lint = RuleLint.check(source);
        int rules = RuleLint.declarations(source).size();
        warnings.removeIf(w -> w.level() == RuleDiagnostic.Level.INFO);
        return new Report(sorted(errors), sorted(warnings), lint, source.drlFiles().size(), rules);
    }

    static List<RuleDiagnostic> syntaxErrors(RuleFile f) {
        DrlParser parser = new DrlParser();
        List<RuleDiagnostic> out = new ArrayList<>();
        try {
            parser.parse(false, f.content());
        } catch (DroolsParserException | RuntimeException e) {
            out.add(new RuleDiagnostic(f.displayPath(), 0, 0, RuleDiagnostic.Level.ERROR, String.valueOf(e.getMessage())));
            return out;
        }
        parser.getErrors().forEach(err -> {
            int[] lines = err.getLines();
            int line = lines != null && lines.length > 0 ? lines[0] : 0;
            out.add(new RuleDiagnostic(f.displayPath(), line, 0, RuleDiagnostic.Level.ERROR, err.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")));
        });
        return out;
    }

    private static final java.util.regex.Pattern PARSER_LOCATION = java.util.regex.Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+)");

    private static List<RuleDiagnostic> sorted(Set<RuleDiagnostic> ds) {
        // Stable: by file, then line; messages of one line keep the compiler's order.
        List<RuleDiagnostic> out = new ArrayList<>();
        for (RuleDiagnostic d : ds) {
            // Parser messages carry the column in their text only ("[ERR 102] Line 13:4 mismatched input").
            java.util.regex.Matcher m = PARSER_LOCATION.matcher(d.message());
            if (d.column() <= 0 && m.find() && Integer.parseInt(m.group(1)) == d.line()) {
                d = new RuleDiagnostic(d.path(), d.line(), Integer.parseInt(m.group(2)) + 1, d.level(), d.message());
            }
            out.add(d);
        }
        out.sort(java.util.Comparator.comparing(RuleDiagnostic::path).thenComparingInt(RuleDiagnostic::line));
        return out;
    }
}
