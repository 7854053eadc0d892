package dev.tripline.bench;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.output.AlertSink;
import dev.tripline.output.JsonLinesAlertWriter;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import dev.tripline.testing.SharedData;

import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Does the rule count set the speed? {@code correlate --sigma}'s path (the bundled rules plus converted SigmaHQ
 * process-creation rules, {@link BatchRun} as the CLI calls it) over one benchmark file with 1 (d95de845), 10,
 * 100, 300 and all converted rules, in one run: events per second of wall time and per CPU-second of the whole
 * process (steadier on a shared machine), and each as a ratio to the one-rule rate. KieBase build time is
 * reported apart and not counted. Each set runs {@value #WARM_UP_PASSES} warm-up passes (its generated classes
 * JIT-compiled, as in any run longer than a few seconds; the first set {@value #FIRST_WARM_UP_PASSES}, which also
 * warm the whole pipeline), then {@value #PASSES} measured passes; the median pass is reported, because
 * single passes on a shared 2-core machine vary by ±20%. With {@code plain}, all rules are run once more without the
 * prefilter. Run with {@code bench/rulecount.sh [events] [plain]} (default 100,000 events).
 */
public final class RuleCountBenchmark {
    private static final String ONE = "proc_creation_win_net_groups_and_accounts_recon.yml";
    static final int PASSES = 3;
    static final int WARM_UP_PASSES = 3;
    /** The first set warms the whole pipeline too: with 3 passes it still ran slower than the 10-rule set after it. */
    static final int FIRST_WARM_UP_PASSES = 8;

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000L;
        boolean plain = args.length > 1 && args[1].equals("plain");
        Path corpus = SharedData.find("sigma/rules/windows/process_creation").orElseThrow(() -> new IllegalStateException("shared/sigma not found"));
        Path datasets = SharedData.find("datasets").orElseThrow(() -> new IllegalStateException("shared/datasets not found"));

        // The one-rule file first, then the corpus in file-name order: each set contains the smaller ones.
        List<Path> files = new ArrayList<>(List.of(corpus.resolve(ONE)));
        try (Stream<Path> s = Files.list(corpus)) {
            s.filter(p -> p.toString().endsWith(".yml") && !p.getFileName().toString().equals(ONE)).sorted().forEach(files::add);
        }
        RuleSource bundled = RuleSource.directory(Path.of("rules-drl"));
        Path file = Files.createTempFile("tripline-rulecount-", ".jsonl");
        try {
            BenchmarkData.write(BenchmarkData.realRecords(datasets), events, file);
            System.out.printf(Locale.ROOT, "%,d events, %,d bytes; bundled rules + converted Sigma rules%n", events, Files.size(file));
            System.out.printf(Locale.ROOT, "%-22s %6s %9s %12s %8s %14s %8s %8s%n",
                    "sigma rules", "rules", "build s", "events/s", "ratio", "events/cpu-s", "ratio", "alerts");
            double[] base = null;
            for (int n : new int[]{1, 10, 100, 300, files.size()}) {
                ConversionResult r = convert(files.subList(0, Math.min(n, files.size())), true);
                double[] rate = run(n == files.size() ? "all (" + r.files().size() + " converted)" : String.valueOf(n), r, bundled, file, base);
                if (base == null) base = rate;
            }
            if (plain) {
                ConversionResult r = convert(files, false);
                run("all, no prefilter", r, bundled, file, base);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ConversionResult convert(List<Path> files, boolean prefilter) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path p : files) sources.put(p.getFileName().toString(), Files.readString(p));
        return SigmaConverter.defaults().withPrefilter(prefilter).convert(sources);
    }

    /** Returns {events/s wall, events per process CPU-second}. */
    private static double[] run(String label, ConversionResult converted, RuleSource bundled, Path file, double[] base) throws Exception {
        long t0 = System.nanoTime();
        CompiledRules compiled = RuleCompiler.compile(SigmaConverter.merge(bundled, converted));
        double build = (System.nanoTime() - t0) / 1e9;
        // Warm-up: the JIT keeps improving a set's code for a few passes (the first set also warms the whole
        // pipeline); measured cold, a set's rate would depend on its place in the run.
        for (int i = 0; i < (base == null ? FIRST_WARM_UP_PASSES : WARM_UP_PASSES); i++) pass(compiled, file);
        double[] walls = new double[PASSES], cpus = new double[PASSES];
        RunStats stats = null;
        for (int i = 0; i < PASSES; i++) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.gc();
            long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            stats = pass(compiled, file);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
            walls[i] = stats.events() / wall;
            cpus[i] = stats.events() / cpu;
        }
        double[] rate = {median(walls), median(cpus)};
        double[] ref = base == null ? rate : base;
        System.out.printf(Locale.ROOT, "%-22s %6d %9.1f %,12.0f %8.2f %,14.0f %8.2f %8d   (passes: %s ev/s)%n", label, compiled.rules().size(), build,
                rate[0], rate[0] / ref[0], rate[1], rate[1] / ref[1], stats.alerts(),
                java.util.Arrays.stream(walls).mapToObj(w -> String.format(Locale.ROOT, "%,.0f", w)).collect(java.util.stream.Collectors.joining(" / ")));
        return rate;
    }

    private static RunStats pass(CompiledRules compiled, Path file) throws Exception {
        try (AlertSink sink = new JsonLinesAlertWriter(new OutputStreamWriter(java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8))) {
            return BatchRun.run(compiled, List.of(file.toString()), BatchRun.Options.defaults(), sink);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
