package dev.tripline.bench;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.ReplaySession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.sigma.SigmaConverter;
import dev.tripline.testing.SharedData;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the session thread spends per event, and on which events: the bundled rules plus one converted SigmaHQ
 * rule (d95de845) or all of them, over the same real events, read and prefiltered beforehand, then replayed in
 * one thread ({@link ReplaySession}, no reader, no output). Each event is timed on its own and counted as one
 * with a finding when its replay returned an alert, so the figures split the rule count's cost into what every
 * event pays and what a finding pays. The whole pass is measured in thread CPU (steady on a shared machine), the
 * split by wall time per event (on one busy thread close to its CPU time); medians of
 * {@value #PASSES} passes after {@value #WARM_UP_PASSES} warm-up passes. Run with
 * {@code java -XX:+UseParallelGC -cp target/test-classes:target/tripline.jar dev.tripline.bench.SessionCostBenchmark [events]}
 * (default 100,000) after {@code mvn -DskipTests package test-compile}.
 */
public final class SessionCostBenchmark {
    static final int WARM_UP_PASSES = 8;
    static final int PASSES = 5;

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000L;
        Path datasets = SharedData.find("datasets").orElseThrow(() -> new IllegalStateException("shared/datasets not found"));
        Path file = Files.createTempFile("tripline-sessioncost-", ".jsonl");
        try {
            BenchmarkData.write(BenchmarkData.realRecords(datasets), events, file);
            List<Path> corpus = RuleCountBenchmark.ruleFiles();
            System.out.printf(Locale.ROOT, "%,d events; session thread only, events read and prefiltered beforehand%n", events);
            System.out.printf(Locale.ROOT, "%-12s %12s %14s %16s %18s %16s%n", "sigma rules", "µs/event", "events/cpu-s",
                    "with a finding", "µs without one", "µs with one");
            for (List<Path> set : List.of(corpus.subList(0, 1), corpus)) run(set, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void run(List<Path> sigmaFiles, Path file) throws Exception {
        CompiledRules rules = RuleCompiler.compile(SigmaConverter.merge(RuleSource.directory(Path.of("rules-drl")),
                RuleCountBenchmark.convert(sigmaFiles, true)));
        List<TimedFact> facts = read(file, rules.readAhead());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] perEvent = new double[PASSES], without = new double[PASSES], with = new double[PASSES];
        long withFinding = 0;
        for (int pass = -WARM_UP_PASSES; pass < PASSES; pass++) {
            System.gc();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long nanosWith = 0, nanosWithout = 0, n = 0;
            withFinding = 0;
            try (ReplaySession session = ReplaySession.local(rules, List.of())) {
                for (TimedFact f : facts) {
                    long t0 = System.nanoTime();
                    int alerts = 0;
                    for (ReplaySession.Firing firing : session.accept(f)) alerts += firing.alerts().size();
                    long took = System.nanoTime() - t0;
                    n++;
                    if (alerts > 0) {
                        withFinding++;
                        nanosWith += took;
                    } else {
                        nanosWithout += took;
                    }
                }
                session.finish();
            }
            if (pass < 0) continue;
            perEvent[pass] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
            with[pass] = withFinding == 0 ? 0 : nanosWith / 1e3 / withFinding;
            without[pass] = nanosWithout / 1e3 / (n - withFinding);
        }
        double us = RuleCountBenchmark.median(perEvent);
        String label = sigmaFiles.size() == 1 ? "1" : "all " + sigmaFiles.size();
        System.out.printf(Locale.ROOT, "%-12s %12.2f %,14.0f %15.1f%% %18.2f %16.2f%n", label, us, 1e6 / us,
                100.0 * withFinding / facts.size(), RuleCountBenchmark.median(without), RuleCountBenchmark.median(with));
    }

    /** The events of {@code file} in time order, each with its prefilter scan done (as the input thread does it). */
    private static List<TimedFact> read(Path file, Consumer<TimedFact> readAhead) {
        List<TimedFact> facts = new ArrayList<>();
        Ingest.read(List.of(file.toString()), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) {
                readAhead.accept(fact);
                facts.add(fact);
            }

            @Override public void onSkipped(SourceRef source, String reason) {}

            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        });
        facts.sort(Comparator.comparingLong(TimedFact::getTime));
        return facts;
    }
}
