package dev.tripline.cli;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --rules DIR}, shared by every verb that loads rules; without it, the rules bundled in the jar. */
public final class RulesOption {
    @Option(names = {"-r", "--rules"}, paramLabel = "DIR",
            description = "Folder of .drl rules and their .yaml data lists (default: the rules bundled with Tripline).")
    Path rulesDir;

    public RuleSource source() throws IOException {
        return rulesDir == null ? RuleSource.bundled() : RuleSource.directory(rulesDir);
    }

    public CompiledRules compile() throws IOException, RuleCompilationException {
        return RuleCompiler.compile(source());
    }
}
