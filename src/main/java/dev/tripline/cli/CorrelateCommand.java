package dev.tripline.cli;

import dev.tripline.context.AllowlistLoader;
import dev.tripline.context.ContextFileException;
import dev.tripline.context.InventoryLoader;
import dev.tripline.engine.CompiledRules;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.kie.KieServerException;
import dev.tripline.output.AlertSink;
import dev.tripline.output.AlertCounts;
import dev.tripline.output.AlertFilter;
import dev.tripline.output.FilteringSink;
import dev.tripline.output.HtmlReport;
import dev.tripline.output.ProgressLine;
import dev.tripline.output.RunStats;
import dev.tripline.output.RunSummaryWriter;
import dev.tripline.output.TerminalText;
import dev.tripline.output.TriageSummary;
import dev.tripline.pipeline.AlertSinkFailure;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.pipeline.StrictModeViolation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tripline correlate}: the main job. Alerts to stdout (or --output), the run summary to stderr. */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = {"Run the rules over event files, folders or stdin (-) and write one alert per finding.",
                "Alerts go to stdout as a table when it is a terminal, as JSON Lines otherwise (a pipe, a file); --format chooses."})
public final class CorrelateCommand implements Callable<Integer> {

    @Mixin RulesOption rules;
    @Mixin RulesCacheOption rulesCache;

    @Mixin SchemaOption schemaOption;

    @Mixin KieServerOptions kie;

    @Mixin OutputOptions outputOptions;

    @Mixin AlertFilterOptions alertFilters;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write alerts to FILE instead of stdout.")
    Path output;

    @Option(names = "--strict", description = "Stop at the first rejected line (exit 5) instead of counting it and going on.")
    boolean strict;

    @Option(names = "--reorder-window", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How much disorder in event time to absorb before replaying (e.g. 0s, 90s, 5m, 1h; default 5m).")
    Duration reorderWindow;

    @Option(names = "--rewind-after", defaultValue = "2h", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "An event this much older than the newest of the same input starts a new replay segment, as "
                    + "the next recording of a concatenated export does (default 2h). Smaller disorder is replayed late and counted.")
    Duration rewindAfter;

    @Option(names = "--context", paramLabel = "FILE",
            description = "Inventory of identities and hosts (YAML, JSON or CSV) the rules reason with. Repeatable.")
    List<Path> contextFiles = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "Known-benign activity (YAML, JSON or CSV), each entry with a reason: matching alerts are suppressed and counted. Repeatable.")
    List<Path> allowlists = new ArrayList<>();

    @Option(names = "--show-suppressed", description = "Also write suppressed alerts, marked \"suppressed\": true with the reason.")
    boolean showSuppressed;

    @Option(names = "--dedup-window", defaultValue = "1h", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Fold the same detection (rule, host, account, image, command line, parent image) within this window into one alert with a count (default 1h; 0s turns it off).")
    Duration dedupWindow;

    @Option(names = "--max-state", paramLabel = "FACTS",
            description = "Hold at most FACTS time-bound facts (events, detections, correlation tallies, context learned from the logs) per session; past it the eldest leave early and the run summary says how many (default: the maximum heap / 8 KiB, at least 8192).")
    Long maxState;

    @Option(names = "--summary", description = "Print a triage summary to stderr: detections by initiating process, image and account, then alerts by rule, host and ATT&CK technique.")
    boolean summary;

    @Option(names = "--summary-output", paramLabel = "FILE", description = "Write the triage summary as JSON to FILE.")
    Path summaryOutput;

    @Option(names = "--quiet", description = "Do not print the run summary or the progress line.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Event files (JSON Lines, JSON arrays, concatenated JSON; plain or gzip), folders, or - for stdin; "
            + "all replayed as one timeline, merged by event time.")
    List<String> inputs;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<EventShape> shape = schemaOption.shape();
        String usageProblem = kie.usageProblem();
        if (usageProblem == null && maxState != null && maxState < 1) usageProblem = "--max-state must be at least 1, not " + maxState;
        if (usageProblem == null && kie.active() && (rules.rulesDir != null || !rules.sigma.isEmpty() || !contextFiles.isEmpty() || !allowlists.isEmpty())) {
            usageProblem = "--kie-server runs the rules and lists of the container's KJAR: --rules, --sigma, --context and --allowlist do not apply";
        }
        if (usageProblem != null) {
            err.println("tripline: " + usageProblem);
            return ExitCodes.USAGE;
        }
        AlertFilter filter = alertFilters.filter();
        Optional<CompiledRules> maybeRules = kie.active() ? Optional.empty() : rules.compileOrReport(err, rulesCache);
        if (!kie.active() && maybeRules.isEmpty()) return ExitCodes.RULES_INVALID;
        CompiledRules compiled = maybeRules.orElse(null);

        List<Object> facts = new ArrayList<>();
        try {
            for (Path f : contextFiles) facts.addAll(InventoryLoader.load(f));
            for (Path f : allowlists) facts.addAll(AllowlistLoader.load(f));
        } catch (ContextFileException e) {
            err.println("tripline: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.CONTEXT_INVALID;
        }
        Terminal terminal = Terminal.detect();
        boolean toTerminal = output == null && terminal.stdoutIsTerminal();
        HtmlReport report = null;
        // The report lists suppressed alerts in a section of their own, so it needs them whatever --show-suppressed says.
        BatchRun.Options options = BatchRun.Options.defaults().withSchema(shape).withStrict(strict).withReorderWindow(reorderWindow)
                .withRewindThreshold(rewindAfter).withDedupWindow(dedupWindow)
                .withShowSuppressed(showSuppressed || outputOptions.report() != null).withFacts(facts)
                .withStateLimit(maxState == null ? 0 : maxState);
        RunStats stats = new RunStats();
        ProgressLine progress = OutputOptions.progress(terminal, quiet) ? ProgressLine.onTerminal(err, Ingest.totalBytes(inputs)) : null;
        if (progress != null) stats.observe(progress);
        AlertCounts counts = new AlertCounts();
        int exit = ExitCodes.OK;
        TriageSummary triage = null;
        Throwable failure = null;
        Writer out;
        try {
            out = openOutput();
        } catch (IOException e) {
            err.println("tripline: cannot write " + TerminalText.escape(String.valueOf(output)) + ": " + TerminalText.escape(e.toString()));
            return ExitCodes.USAGE;
        }
        try (out; AlertSink sink = outputOptions.format(toTerminal).open(out, outputOptions.colour(toTerminal, terminal))) {
            AlertSink target = progress != null && toTerminal ? progress.clearingBefore(sink) : sink;
            if (summary || summaryOutput != null) target = triage = new TriageSummary(target);
            if (summary) target = counts.feeding(target);
            if (outputOptions.report() != null) target = report = new HtmlReport(target, showSuppressed);
            if (!filter.isEmpty()) target = new FilteringSink(target, filter, stats);
            runBatch(compiled, options, target, stats);
        } catch (KieServerException e) {
            return KieServerOptions.report(e, err);
        } catch (StrictModeViolation e) {
            err.println("tripline: --strict: rejected " + TerminalText.escape(e.getMessage()));
            return ExitCodes.STRICT_REJECTED;
        } catch (IOException | RuntimeException | Error e) {
            // Alerts already written are flushed (the writers flush per alert and were closed above); the summary
            // says what was read before the failure.
            failure = e instanceof AlertSinkFailure && e.getCause() != null ? e.getCause() : e;
        } finally {
            if (progress != null) progress.finish();
        }
        if (failure != null) {
            if (!quiet) RunSummaryWriter.write(stats, err);
            TriplineCommand.report(err, failure, TriplineCommand.debug(spec.commandLine().getParseResult()));
            return ExitCodes.INTERNAL_ERROR;
        }
        if (triage != null && summary) triage.writeTable(err);
        if (summary) counts.writeTable(err, AlertCounts::printable);
        if (report != null) {
            try (Writer w = Files.newBufferedWriter(outputOptions.report(), StandardCharsets.UTF_8)) {
                report.writeTo(w, stats, inputs, Instant.now());
            }
        }
        if (triage != null && summaryOutput != null) {
            try (Writer w = Files.newBufferedWriter(summaryOutput, StandardCharsets.UTF_8)) {
                triage.writeJson(w);
            }
        }
        if (!quiet) RunSummaryWriter.write(stats, err);
        if (!stats.unreadable().isEmpty()) {
            err.println("tripline: " + stats.unreadable().size() + " input(s) could not be read: "
                    + stats.unreadable().entrySet().stream().map(e -> TerminalText.escape(e.getKey() + " (" + e.getValue() + ")")).collect(Collectors.joining(", ")));
            exit = ExitCodes.INPUT_UNREADABLE;
        }
        return exit;
    }

    private void runBatch(CompiledRules compiled, BatchRun.Options options, AlertSink target, RunStats stats) {
        try {
            if (kie.active()) kie.run(inputs, options, target, stats);
            else BatchRun.run(compiled, inputs, options, target, System.in, stats);
        } catch (OutOfMemoryError e) {
            Emergency.release();
            throw e;
        } catch (RuntimeException e) {
            if (Emergency.outOfMemory(e) != null) Emergency.release(); // wrapped by Drools when a constraint ran out
            throw e;
        }
    }

    private Writer openOutput() throws IOException {
        if (output == null) return new NonClosingWriter(spec.commandLine().getOut());
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

}
