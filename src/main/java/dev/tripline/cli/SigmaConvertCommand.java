package dev.tripline.cli;

import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.output.TerminalText;
import dev.tripline.sigma.ConversionRejected;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tripline sigma convert RULE.yml|DIR [--output DIR]}: one readable DRL file per Sigma rule or correlation;
 * every rule that cannot be converted faithfully is listed with its file, field, modifier and reason.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert Sigma rules (a file or a folder) to DRL. Without --output, checks that they convert and compile.")
public final class SigmaConvertCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RULE", description = "Sigma rule files (.yml) or folders of them.")
    List<Path> rules;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write the DRL files under DIR (as DIR/tripline/sigma/<rule>.drl).")
    Path output;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<ConversionResult> results = new ArrayList<>();
        for (Path p : rules) {
            try {
                results.add(SigmaConverter.defaults().convert(p));
            } catch (IOException e) {
                err.println("tripline: " + RulesOption.BadRulesPath.message(e));
                return ExitCodes.USAGE;
            }
        }
        int converted = 0, rejected = 0;
        for (ConversionResult r : results) {
            converted += r.files().size();
            rejected += r.rejections().size();
            for (ConversionRejected.Rejection x : r.rejections()) err.println("rejected: " + TerminalText.escape(x.toString()));
        }
        for (ConversionResult r : results) {
            try {
                RuleCompiler.compile(SigmaConverter.merge(RuleSource.bundled(), r));
            } catch (RuleCompilationException e) {
                RulesOption.sameAsValidate(SigmaConverter.merge(RuleSource.bundled(), r), e).diagnostics()
                        .forEach(d -> err.println(TerminalText.escape(d.toString())));
                err.println("tripline: converted rules do not compile; nothing written");
                return ExitCodes.RULES_INVALID;
            }
        }
        if (output != null) {
            for (ConversionResult r : results) {
                for (Path written : SigmaConverter.write(r, output)) out.println(written);
            }
        }
        err.printf("tripline: %d converted, %d rejected%n", converted, rejected);
        for (ConversionResult r : results) {
            for (Map.Entry<String, Integer> e : r.rejectionCounts().entrySet()) err.printf("  %d × %s%n", e.getValue(), TerminalText.escape(e.getKey()));
        }
        return rejected == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
