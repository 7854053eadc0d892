package dev.tripline.cli;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleDiagnostic;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code --rules DIR}, shared by every verb that loads rules; without it, the rules bundled in the jar. */
public final class RulesOption {
    @Option(names = {"-r", "--rules"}, paramLabel = "DIR",
            description = "Folder of .drl rules and their .yaml data lists (default: the rules bundled with Tripline).")
    Path rulesDir;

    @Option(names = "--sigma", paramLabel = "RULE",
            description = "Also run these Sigma rules (files or folders), converted to DRL in memory. Repeatable.")
    List<Path> sigma = new ArrayList<>();

    /** The DRL rules, plus any --sigma rules converted in memory (rejections go to {@code rejected}). */
    public RuleSource source(Consumer<String> rejected) throws IOException {
        RuleSource base = rulesDir == null ? RuleSource.bundled() : RuleSource.directory(rulesDir);
        for (Path p : sigma) {
            ConversionResult converted = SigmaConverter.defaults().convert(p);
            converted.rejections().forEach(r -> rejected.accept("sigma rule not converted: " + r));
            base = SigmaConverter.merge(base, converted);
        }
        return base;
    }

    public RuleSource source() throws IOException {
        return source(r -> {});
    }

    public CompiledRules compile(Consumer<String> rejected) throws IOException, RuleCompilationException {
        return RuleCompiler.compile(source(rejected));
    }

    /**
     * Compiles for a verb that runs the rules: every problem goes to {@code err} as {@code file:line: …}, and an
     * empty result means the verb should exit with {@link ExitCodes#RULES_INVALID}.
     */
    public Optional<CompiledRules> compileOrReport(PrintWriter err) throws IOException {
        try {
            CompiledRules compiled = compile(err::println);
            compiled.warnings().stream().filter(w -> w.level() == RuleDiagnostic.Level.WARNING).forEach(err::println);
            return Optional.of(compiled);
        } catch (RuleCompilationException e) {
            e.diagnostics().forEach(err::println);
            err.println("tripline: the rules do not compile (" + e.diagnostics().size() + " error(s))");
            return Optional.empty();
        }
    }
}
