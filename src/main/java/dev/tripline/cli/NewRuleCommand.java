package dev.tripline.cli;

import dev.tripline.authoring.RuleSkeleton;
import dev.tripline.output.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tripline new-rule NAME}: writes {@code RULES/<package path>/NAME.drl} (a detection rule with every
 * annotation and a fresh UUID @id) and {@code FIXTURES/NAME/} (a positive event, a near miss, the expected
 * alert). Never overwrites. The rule validates at once and its scenario fails until the condition is written.
 */
@Command(name = "new-rule", mixinStandardHelpOptions = true,
        description = {"Write a DRL skeleton for a new detection rule and a fixture scenario for it (never overwrites).",
                "The skeleton validates; `tripline test` fails on its scenario until you write the rule's condition."})
public final class NewRuleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Rule file and scenario name: lower case, digits, '-', '_' (e.g. whoami-priv).")
    String name;

    @Option(names = {"-r", "--rules"}, paramLabel = "DIR", defaultValue = "rules-drl", description = "Rules folder (default: ./rules-drl).")
    Path rulesDir;

    @Option(names = {"-f", "--fixtures"}, paramLabel = "DIR", defaultValue = "fixtures", description = "Fixtures folder (default: ./fixtures).")
    Path fixtures;

    @Option(names = "--package", paramLabel = "PACKAGE", defaultValue = "tripline.detection.custom",
            description = "DRL package, also the folder below the rules folder (default: tripline.detection.custom).")
    String packageName;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSkeleton.Written w;
        try {
            w = RuleSkeleton.write(name, packageName, rulesDir, fixtures);
        } catch (IllegalArgumentException e) {
            err.println("tripline: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE;
        } catch (FileAlreadyExistsException e) {
            err.println("tripline: already exists: " + TerminalText.escape(e.getFile()));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("tripline: cannot write the rule: " + TerminalText.escape(e.toString()));
            return ExitCodes.USAGE;
        }
        out.println("wrote " + w.drl() + " (@id " + w.id() + ")");
        out.println("wrote " + w.scenario() + "/{events.jsonl,expected-alerts.jsonl,scenario.yaml}");
        boolean defaults = rulesDir.equals(RulesOption.WORKING_RULES) && fixtures.equals(Path.of("fixtures"));
        out.println("next: write the condition in " + w.drl() + ", then: " + (defaults
                ? "tripline validate && tripline test   (both check ./rules-drl and ./fixtures when they exist)"
                : "tripline validate --rules " + rulesDir + " && tripline test --rules " + rulesDir + " --fixtures " + fixtures));
        return ExitCodes.OK;
    }
}
