package dev.tripline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleDiagnostic;
import dev.tripline.engine.RuleLint;
import dev.tripline.engine.RuleSource;
import dev.tripline.output.TerminalText;
import dev.tripline.scenario.AlertProjection;
import dev.tripline.scenario.JUnitXmlReport;
import dev.tripline.scenario.ScenarioResult;
import dev.tripline.scenario.ScenarioSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tripline test}: runs every fixture scenario against the rules; a PASS/FAIL line per scenario, the
 * alert diff of each failure ({@code -} expected but not produced, {@code +} produced but not expected, one
 * JSON per line), a {@code N passed, M failed} line and the rule coverage (finding rules no scenario fired).
 * Exit 0 when every scenario passes; {@link ExitCodes#CHECK_FAILED} when one fails;
 * {@link ExitCodes#RULES_INVALID} when the rules do not compile.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run every fixture scenario (a folder with events.* and expected-alerts.jsonl) against the rules "
                + "and report pass/fail, the alert diff of each failure and the rules no scenario fires.",
                "Exit 0: all pass; 6: a scenario failed (or --fail-on-uncovered and a rule fired nowhere); 3: the rules do not compile."})
public final class TestCommand implements Callable<Integer> {
    /** What an unexpected alert shows in the diff: enough to recognise it, not the whole alert. */
    private static final JsonNode UNEXPECTED_SHAPE = parse("""
            {"kind":0,"rule":{"id":0,"title":0},"severity":0,"host":0,"user":0,"reasons":0,
             "events":[{"file":0,"line":0,"command_line":0}]}""");

    @Mixin RulesOption rules;

    @Option(names = {"-f", "--fixtures"}, paramLabel = "DIR", defaultValue = "fixtures",
            description = "Folder of scenario folders (default: ./fixtures).")
    Path fixtures;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the results as JUnit XML (for CI).")
    Path junitXml;

    @Option(names = "--fail-on-uncovered", description = "Fail when a finding rule fires in no scenario.")
    boolean failOnUncovered;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSource source;
        CompiledRules compiled;
        try {
            source = rules.sourceForChecks(r -> err.println(r));
            compiled = rules.compile(source, r -> err.println(r));
        } catch (IOException e) {
            err.println("tripline: " + RulesOption.BadRulesPath.message(e));
            return ExitCodes.USAGE;
        } catch (RuleCompilationException e) {
            RulesOption.report(e, err);
            return ExitCodes.RULES_INVALID;
        }
        compiled.warnings().stream().filter(w -> w.level() == RuleDiagnostic.Level.WARNING).forEach(w -> err.println(TerminalText.escape(w.toString())));
        out.println("rules: " + TerminalText.escape(source.description()) + "; scenarios: " + TerminalText.escape(fixtures.toString()));

        ScenarioSuite.Report report;
        try {
            report = ScenarioSuite.run(compiled, source, fixtures);
        } catch (IOException e) {
            err.println("tripline: " + RulesOption.BadRulesPath.message(e));
            return ExitCodes.USAGE;
        }
        if (report.outcomes().isEmpty()) {
            err.println("tripline: no scenarios in " + TerminalText.escape(fixtures.toString())
                    + " (a scenario is a folder with events.jsonl and expected-alerts.jsonl; tripline new-rule NAME writes one)");
            return ExitCodes.CHECK_FAILED;
        }
        for (ScenarioSuite.Outcome o : report.outcomes()) {
            out.println((o.passed() ? "PASS " : "FAIL ") + TerminalText.escape(o.name()));
            if (!o.passed()) details(o).lines().forEach(l -> out.println("  " + TerminalText.escape(l)));
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        int covered = report.findingRules() - report.uncovered().size();
        out.println("rule coverage: " + covered + " of " + report.findingRules() + " finding rule(s) fired in some scenario"
                + (report.uncovered().isEmpty() ? "" : "; never fired:"));
        for (RuleLint.RuleDeclaration d : report.uncovered()) {
            out.println(TerminalText.escape("  " + d.path() + ":" + d.line() + ": \"" + d.name() + "\" (@id " + d.id() + ")"));
        }
        out.flush();
        if (junitXml != null) {
            try {
                JUnitXmlReport.write(report, junitXml, TestCommand::details);
            } catch (IOException | UncheckedIOException e) {
                err.println("tripline: cannot write " + TerminalText.escape(String.valueOf(junitXml)) + ": " + TerminalText.escape(e.getMessage()));
                return ExitCodes.USAGE;
            }
        }
        if (report.failed() > 0) return ExitCodes.CHECK_FAILED;
        if (failOnUncovered && !report.uncovered().isEmpty()) return ExitCodes.CHECK_FAILED;
        return report.outcomes().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** The failure text: a summary line, then "- expected" and "+ produced" alerts, one JSON per line. */
    static String details(ScenarioSuite.Outcome o) {
        if (o.error() != null) return "cannot run: " + o.error() + "\n";
        ScenarioResult r = o.result();
        StringBuilder s = new StringBuilder(JUnitXmlReport.summary(r)).append('\n');
        for (JsonNode want : r.missing()) s.append("- ").append(want).append('\n');
        for (JsonNode got : r.unexpected()) s.append("+ ").append(AlertProjection.project(got, UNEXPECTED_SHAPE)).append('\n');
        return s.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
