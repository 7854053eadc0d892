package dev.tripline.bench;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import dev.tripline.output.AlertSink;
import dev.tripline.output.JsonLinesAlertWriter;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import dev.tripline.testing.SharedData;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SigmaHQ process-creation corpus on Tripline: KieBase build time, and end-to-end events/s over the benchmark
 * file with one converted rule (d95de845) versus all converted rules, each beside the engine's own event, context,
 * escalation and correlation rules. Run with {@code bench/sigma-corpus.sh [events]} (default 200,000).
 */
public final class SigmaCorpusBenchmark {
    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
        Path corpus = SharedData.find("sigma/rules/windows/process_creation").orElseThrow();
        Path datasets = SharedData.find("datasets").orElseThrow();
        long t0 = System.nanoTime();
        ConversionResult all = SigmaConverter.defaults().convertDirectory(corpus);
        double convertSeconds = (System.nanoTime() - t0) / 1e9;
        ConversionResult one = SigmaConverter.defaults().convertFile(corpus.resolve("proc_creation_win_net_groups_and_accounts_recon.yml"));

        RuleSource engineOnly = engineRules();
        Path file = Files.createTempFile("tripline-sigma-bench-", ".jsonl");
        try {
            BenchmarkData.write(BenchmarkData.realRecords(datasets), events, file);
            System.out.printf(Locale.ROOT, "corpus: %d converted, %d rejected, conversion %.1f s%n", all.files().size(), all.rejections().size(), convertSeconds);
            run("1 converted rule (d95de845)", SigmaConverter.merge(engineOnly, one), file);
            run("all converted rules", SigmaConverter.merge(engineOnly, all), file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The bundled rules without the detections (the converted rules stand in for them). */
    private static RuleSource engineRules() throws Exception {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile f : RuleSource.directory(Path.of("rules-drl")).files()) {
            if (!f.relativePath().startsWith("tripline/detection/")) files.add(f);
        }
        return RuleSource.of("engine rules", files);
    }

    private static void run(String label, RuleSource rules, Path file) throws Exception {
        long t0 = System.nanoTime();
        CompiledRules compiled = RuleCompiler.compile(rules);
        double build = (System.nanoTime() - t0) / 1e9;
        RunStats stats;
        try (AlertSink sink = new JsonLinesAlertWriter(new OutputStreamWriter(java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8))) {
            stats = BatchRun.run(compiled, List.of(file.toString()), BatchRun.Options.defaults(), sink);
        }
        System.out.printf(Locale.ROOT, "%-30s rules %5d | KieBase build %5.1f s | %,8.0f events/s | alerts %d%n",
                label, compiled.rules().size(), build, stats.eventsPerSecond(), stats.alerts());
    }
}
