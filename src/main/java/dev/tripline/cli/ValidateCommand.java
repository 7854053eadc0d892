package dev.tripline.cli;

import dev.tripline.engine.RuleDiagnostic;
import dev.tripline.engine.RuleSource;
import dev.tripline.engine.RuleValidation;
import dev.tripline.output.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code tripline validate}: without --rules, ./rules-drl when it exists (where new-rule writes), else the bundled
 * rules. Compiles every DRL file and checks every finding rule's metadata; prints each
 * problem as {@code path/to/file.drl:LINE:COL: level: message} and a summary line.
 * Exit 0 when clean (warnings allowed); {@link ExitCodes#RULES_INVALID} when a file does not compile or a data
 * file is invalid (what {@code correlate} would refuse); {@link ExitCodes#CHECK_FAILED} when everything
 * compiles but a rule's metadata is wrong (duplicate {@code @id}, unknown {@code @level}, missing title/tags).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compile every rule and check what the engine needs from each finding rule "
                + "(unique @id, known @level, @title, @tags); print every problem as file:line:col.",
                "Exit 0: clean (warnings allowed); 3: a file does not compile or a data file is invalid; "
                        + "6: the rules compile but a rule's metadata is wrong."})
public final class ValidateCommand implements Callable<Integer> {

    @Mixin RulesOption rules;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSource source;
        try {
            source = rules.sourceForChecks(r -> err.println(r));
        } catch (IOException e) {
            err.println("tripline: " + RulesOption.BadRulesPath.message(e));
            return ExitCodes.USAGE;
        }
        RuleValidation.Report report = RuleValidation.validate(source);
        for (RuleDiagnostic d : report.all()) out.println(TerminalText.escape(d.toString()));
        int errors = report.compileErrors().size() + report.metadataErrors().size();
        out.println("checked " + TerminalText.escape(source.description()) + ": " + report.files() + " file(s), " + report.rules() + " rule(s): "
                + errors + " error(s), " + report.warnings().size() + " warning(s)");
        out.flush();
        if (!report.compiles()) return ExitCodes.RULES_INVALID;
        if (!report.metadataErrors().isEmpty()) return ExitCodes.CHECK_FAILED;
        return ExitCodes.OK;
    }
}
