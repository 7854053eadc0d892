package dev.tripline.cli;

import dev.tripline.engine.CompiledRules;
import dev.tripline.ingest.EventShape;
import dev.tripline.output.AlertSink;
import dev.tripline.output.OutputFormat;
import dev.tripline.output.TerminalText;
import dev.tripline.pipeline.LiveWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tripline watch}: live mode. Follows a growing JSON Lines file (from its start) or stdin on the
 * real-time clock and writes alerts as they are raised; with {@code --rules DIR}, reloads the rules when a
 * .drl or .yaml file there changes (a reload that does not compile keeps the running rules and prints the
 * errors as file:line). Runs until interrupted (or stdin ends).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Live mode: follow a growing JSON Lines file (or - for stdin) with the real-time clock and write alerts as they happen.",
                "With --rules DIR the rules are reloaded when a .drl/.yaml file there changes; the events still in memory are kept."})
public final class WatchCommand implements Callable<Integer> {

    @Mixin RulesOption rules;
    @Mixin RulesCacheOption rulesCache;

    @Mixin SchemaOption schemaOption;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "Alert format: jsonl (default) or table.")
    OutputFormat format;

    @Option(names = "--poll", defaultValue = "250", paramLabel = "MILLIS", description = "How often to look for new input and changed rules (default 250 ms).")
    long pollMillis;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A JSON Lines file that grows, or - for stdin.")
    String input;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<EventShape> shape = schemaOption.shape();
        if (!input.equals("-")) {
            Path file = Path.of(input);
            if (Files.isDirectory(file)) {
                err.println("tripline: watch follows one growing file (or - for stdin); " + TerminalText.escape(input)
                        + " is a folder (for the files in a folder, use: tripline correlate " + TerminalText.escape(input) + ")");
                return ExitCodes.USAGE;
            }
            if (!Files.isRegularFile(file)) {
                err.println("tripline: watch: no such file: " + TerminalText.escape(input));
                return ExitCodes.INPUT_UNREADABLE;
            }
        }
        Optional<CompiledRules> maybeRules = rules.compileOrReport(err, rulesCache);
        if (maybeRules.isEmpty()) return ExitCodes.RULES_INVALID;
        CompiledRules compiled = maybeRules.get();
        err.println("tripline: watching " + (input.equals("-") ? "stdin" : TerminalText.escape(input)) + " with "
                + TerminalText.escape(compiled.description()) + " (" + compiled.rules().size() + " rules)"
                + (rules.rulesDir == null ? "" : "; reloading when a .drl/.yaml file in " + TerminalText.escape(rules.rulesDir.toString()) + " changes")
                + "; stop with Ctrl-C");
        err.flush();
        Writer out = new NonClosingWriter(spec.commandLine().getOut());
        try (AlertSink sink = format.open(out)) {
            new LiveWatch(rules.rulesDir, input, shape, sink, err, System.in, pollMillis)
                    .run(compiled, () -> Thread.currentThread().isInterrupted());
        } catch (UncheckedIOException e) {
            err.println("tripline: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.INTERNAL_ERROR;
        }
        return ExitCodes.OK;
    }
}
