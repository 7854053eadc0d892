package dev.tripline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.Alert;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.output.AlertSink;
import dev.tripline.output.JsonLinesAlertWriter;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.testing.SharedData;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * End-to-end throughput and memory, beside a parse-only pass over the same file in the same JVM.
 * Not a unit test: run it with {@code bench/throughput.sh [events]} (default 1,000,000).
 *
 * <ul>
 *   <li>parse-only: Jackson reads every line into a tree — the least work any JSON-reading tool must do;</li>
 *   <li>ingest: Tripline's readers and normalizers, facts discarded;</li>
 *   <li>end-to-end: ingest, reorder, the KIE session (bundled rules) and alerts written as JSON Lines to a sink.</li>
 * </ul>
 * Memory: a separate pass at each input size, during which a probe thread forces a full collection every
 * second and records the heap in use right after it — the live set. Flat across sizes means memory does not
 * grow with the input. (The throughput passes run without the probe.)
 */
public final class ThroughputBenchmark {
    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path datasets = SharedData.find("datasets").orElseThrow(() -> new IllegalStateException("shared/datasets not found beside the checkout"));
        List<com.fasterxml.jackson.databind.node.ObjectNode> base = BenchmarkData.realRecords(datasets);
        CompiledRules rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
        System.out.printf(Locale.ROOT, "base: %d real records; rules: %d; JVM max heap %d MB%n", base.size(), rules.rules().size(),
                Runtime.getRuntime().maxMemory() >> 20);

        for (long size : new long[] {events / 4, events / 2, events}) {
            Path file = Files.createTempFile("tripline-bench-", ".jsonl");
            try {
                long bytes = BenchmarkData.write(base, size, file);
                System.out.printf(Locale.ROOT, "%n== %,d events, %.0f MB (%d B/event)%n", size, bytes / 1e6, bytes / size);
                System.out.printf(Locale.ROOT, "memory pass: peak live heap (after full GC, sampled every second) %d MB%n", peakLiveHeapMb(rules, file));
                if (size != events) continue;
                for (int r = 1; r <= repeats; r++) {
                    double parse = parseOnly(file, size);
                    double ingest = ingestOnly(file, size);
                    Result e2e = endToEnd(rules, file);
                    System.out.printf(Locale.ROOT, "run %d: parse-only %,.0f ev/s | ingest %,.0f ev/s | end-to-end %,.0f ev/s (%.0f%% of parse-only) | alerts %d | live heap after GC %d MB%n",
                            r, parse, ingest, e2e.eventsPerSecond, 100 * e2e.eventsPerSecond / parse, e2e.alerts, e2e.liveHeapMb);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    record Result(double eventsPerSecond, long alerts, long liveHeapMb) {}

    /** Runs end to end while a probe forces a full GC every second and keeps the largest heap in use after it. */
    static long peakLiveHeapMb(CompiledRules rules, Path file) throws Exception {
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread probe = new Thread(() -> {
            while (running.get()) {
                System.gc();
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            endToEnd(rules, file);
        } finally {
            running.set(false);
            probe.interrupt();
            probe.join();
        }
        return peak.get() >> 20;
    }

    static double parseOnly(Path file, long expected) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonFactory factory = mapper.getFactory();
        long n = 0, t0 = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = factory.createParser(in)) {
            while (p.nextToken() != null) {
                JsonNode node = mapper.readTree(p);
                if (node != null) n++;
            }
        }
        check(n, expected);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static double ingestOnly(Path file, long expected) {
        long[] n = {0};
        long t0 = System.nanoTime();
        Ingest.read(List.of(file.toString()), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { n[0]++; }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        });
        check(n[0], expected);
        return n[0] / ((System.nanoTime() - t0) / 1e9);
    }

    static Result endToEnd(CompiledRules rules, Path file) throws Exception {
        System.gc();
        resetPeaks();
        Writer devNull = new OutputStreamWriter(java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        RunStats stats;
        try (AlertSink sink = new JsonLinesAlertWriter(devNull)) {
            stats = BatchRun.run(rules, List.of(file.toString()), BatchRun.Options.defaults(), sink);
        }
        return new Result(stats.eventsPerSecond(), stats.alerts(), liveHeapAfterGcMb());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    /** The largest heap occupancy seen right after a collection, over all heap pools, since the last reset. */
    private static long liveHeapAfterGcMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) bytes += pool.getCollectionUsage().getUsed();
        }
        return bytes >> 20;
    }

    private static void check(long n, long expected) {
        if (n != expected) throw new IllegalStateException("read " + n + " events, expected " + expected);
    }
}
