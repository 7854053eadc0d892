package dev.tripline.cli;

import dev.tripline.context.AllowlistLoader;
import dev.tripline.context.ContextFileException;
import dev.tripline.context.InventoryLoader;
import dev.tripline.engine.CompiledRules;
import dev.tripline.ingest.EventShape;
import dev.tripline.output.AlertSink;
import dev.tripline.output.OutputFormat;
import dev.tripline.output.RunStats;
import dev.tripline.output.RunSummaryWriter;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tripline correlate}: the main job. Alerts to stdout (or --output), the run summary to stderr. */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = "Run the rules over event files, folders or stdin (-) and write one alert per finding.")
public final class CorrelateCommand implements Callable<Integer> {

    @Mixin RulesOption rules;

    @Mixin SchemaOption schemaOption;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "Alert format: jsonl (default), json or table.")
    OutputFormat format;

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
            description = "Fold the same detection (rule, host, account, command line, parent image) within this window into one alert with a count (default 1h; 0s turns it off).")
    Duration dedupWindow;

    @Option(names = "--summary", description = "Print a triage summary table to stderr (detections by initiating process, image and account).")
    boolean summary;

    @Option(names = "--summary-output", paramLabel = "FILE", description = "Write the triage summary as JSON to FILE.")
    Path summaryOutput;

    @Option(names = "--quiet", description = "Do not print the run summary.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Event files (JSON Lines, JSON arrays, concatenated JSON; plain or gzip), folders, or - for stdin; "
            + "all replayed as one timeline, merged by event time.")
    List<String> inputs;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<EventShape> shape = schemaOption.shape();
        Optional<CompiledRules> maybeRules = rules.compileOrReport(err);
        if (maybeRules.isEmpty()) return ExitCodes.RULES_INVALID;
        CompiledRules compiled = maybeRules.get();

        List<Object> facts = new ArrayList<>();
        try {
            for (Path f : contextFiles) facts.addAll(InventoryLoader.load(f));
            for (Path f : allowlists) facts.addAll(AllowlistLoader.load(f));
        } catch (ContextFileException e) {
            err.println("tripline: " + e.getMessage());
            return ExitCodes.CONTEXT_INVALID;
        }
        BatchRun.Options options = BatchRun.Options.defaults().withSchema(shape).withStrict(strict).withReorderWindow(reorderWindow)
                .withRewindThreshold(rewindAfter).withDedupWindow(dedupWindow).withShowSuppressed(showSuppressed).withFacts(facts);
        RunStats stats = null;
        int exit = ExitCodes.OK;
        TriageSummary triage = null;
        try (Writer out = openOutput(); AlertSink sink = format.open(out)) {
            AlertSink target = sink;
            if (summary || summaryOutput != null) target = triage = new TriageSummary(sink);
            stats = BatchRun.run(compiled, inputs, options, target);
        } catch (StrictModeViolation e) {
            err.println("tripline: --strict: rejected " + e.getMessage());
            return ExitCodes.STRICT_REJECTED;
        } catch (AlertSinkFailure e) {
            err.println("tripline: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        if (triage != null && summary) triage.writeTable(err);
        if (triage != null && summaryOutput != null) {
            try (Writer w = Files.newBufferedWriter(summaryOutput, StandardCharsets.UTF_8)) {
                triage.writeJson(w);
            }
        }
        if (!quiet) RunSummaryWriter.write(stats, err);
        if (!stats.unreadable().isEmpty()) {
            err.println("tripline: " + stats.unreadable().size() + " input(s) could not be read: "
                    + stats.unreadable().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
            exit = ExitCodes.INPUT_UNREADABLE;
        }
        return exit;
    }

    private Writer openOutput() throws IOException {
        if (output == null) return new NonClosingWriter(spec.commandLine().getOut());
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

}
