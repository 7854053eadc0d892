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
 * reported apart and not counted. Each set runs in a JVM of its own, as one CLI run loads one rule set, with
 * {@value #FIRST_WARM_UP_PASSES} warm-up passes (its generated classes JIT-compiled and the whole pipeline warm, as
 * in any run longer than a few seconds), then {@value #PASSES} measured passes; the median pass is reported,
 * because single passes on a shared 2-core machine vary by ±20%. With {@code same-jvm} all sets run in this JVM,
 * the first with {@value #FIRST_WARM_UP_PASSES} warm-up passes and the others {@value #WARM_UP_PASSES}. Forked,
 * the one-rule and all-rules sets then run {@value #PAIRS} pairs back to back (see {@link #pairs}). With
 * {@code plain}, all rules are run once more without the prefilter. Run with
 * {@code bench/rulecount.sh [events] [plain] [same-jvm]} (default 100,000 events).
 */
public final class RuleCountBenchmark {
    private static final String ONE = "proc_creation_win_net_groups_and_accounts_recon.yml";
    static final int PASSES = 3;
    /** One-rule and all-rules pairs measured back to back (forked runs only), the table's included. */
    static final int PAIRS = 3;
    static final int WARM_UP_PASSES = 3;
    /** The first set warms the whole pipeline too: with 3 passes it still ran slower than the 10-rule set after it. */
    static final int FIRST_WARM_UP_PASSES = 8;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--set")) {
            oneSet(args);
            return;
        }
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000L;
        List<String> options = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        boolean plain = options.contains("plain");
        boolean sameJvm = options.contains("same-jvm");
        Path datasets = SharedData.find("datasets").orElseThrow(() -> new IllegalStateException("shared/datasets not found"));
        int all = ruleFiles().size();
        Path file = Files.createTempFile("tripline-rulecount-", ".jsonl");
        try {
            BenchmarkData.write(BenchmarkData.realRecords(datasets), events, file);
            System.out.printf(Locale.ROOT, "%,d events, %,d bytes; bundled rules + converted Sigma rules; %s%n", events, Files.size(file),
                    sameJvm ? "every set in this JVM" : "each set in a JVM of its own");
            System.out.printf(Locale.ROOT, "%-22s %6s %9s %12s %8s %14s %8s %8s%n",
                    "sigma rules", "rules", "build s", "events/s", "ratio", "events/cpu-s", "ratio", "alerts");
            double[] base = null;
            List<String> sets = new ArrayList<>(List.of("1", "10", "100", "300", String.valueOf(all)));
            if (plain) sets.add("plain");
            double[] allRules = null;
            for (String set : sets) {
                double[] rate = sameJvm ? runSet(set, file, base, base == null ? FIRST_WARM_UP_PASSES : WARM_UP_PASSES) : forkSet(set, file, base);
                if (base == null) base = rate;
                if (set.equals(String.valueOf(all))) allRules = rate;
            }
            if (!sameJvm && PAIRS > 1) pairs(file, all, base, allRules);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * One set in a JVM of its own (with this JVM's options), as JMH forks: a CLI run loads one rule set, while in a
     * shared JVM the sets before it leave their generated classes in the JIT's profiles and code cache, which slowed
     * the all-rules set by up to a third.
     */
    private static double[] forkSet(String set, Path file, double[] base) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RuleCountBenchmark.class.getName(), "--set", set, file.toString()));
        if (base != null) command.addAll(List.of(String.valueOf(base[0]), String.valueOf(base[1])));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double[] rate = null;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RATE ")) {
                    String[] f = line.split(" ");
                    rate = new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                } else {
                    System.out.println(line);
                }
            }
        }
        if (child.waitFor() != 0 || rate == null) throw new IllegalStateException("the set " + set + " failed (exit " + child.exitValue() + ")");
        return rate;
    }

    /**
     * The one-rule and all-rules sets again, one right after the other, {@value #PAIRS} times in all (the table's
     * pair first): this machine's speed drifts by a third within minutes, more than the ratio's distance from a
     * goal, and a pair measured back to back shares most of the drift. Prints each pair's ratios and their median.
     */
    private static void pairs(Path file, int all, double[] firstOne, double[] firstAll) throws Exception {
        List<double[]> ratios = new ArrayList<>();
        ratios.add(new double[]{firstAll[0] / firstOne[0], firstAll[1] / firstOne[1]});
        System.out.printf(Locale.ROOT, "%n1 rule and all rules again, back to back (%d pairs in all)%n", PAIRS);
        for (int i = 1; i < PAIRS; i++) {
            double[] one = forkSet("1", file, null);
            double[] every = forkSet(String.valueOf(all), file, one);
            ratios.add(new double[]{every[0] / one[0], every[1] / one[1]});
        }
        double[] wall = ratios.stream().mapToDouble(r -> r[0]).toArray(), cpu = ratios.stream().mapToDouble(r -> r[1]).toArray();
        System.out.printf(Locale.ROOT, "all rules / 1 rule, per pair: wall %s, CPU %s; median wall %.2f, CPU %.2f%n",
                joined(wall), joined(cpu), median(wall), median(cpu));
    }

    private static String joined(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                .collect(java.util.stream.Collectors.joining(" / "));
    }

    /** In a forked JVM: {@code --set N|plain file [baseWall baseCpu]}; prints the set's line, then its rates. */
    private static void oneSet(String[] args) throws Exception {
        double[] base = args.length > 4 ? new double[]{Double.parseDouble(args[3]), Double.parseDouble(args[4])} : null;
        double[] rate = runSet(args[1], Path.of(args[2]), base, FIRST_WARM_UP_PASSES); // a fresh JVM: the whole pipeline to warm
        System.out.println("RATE " + rate[0] + " " + rate[1]);
    }

    private static double[] runSet(String set, Path file, double[] base, int warmUps) throws Exception {
        List<Path> files = ruleFiles();
        RuleSource bundled = RuleSource.directory(Path.of("rules-drl"));
        if (set.equals("plain")) return run("all, no prefilter", convert(files, false), bundled, file, base, warmUps);
        int n = Integer.parseInt(set);
        ConversionResult r = convert(files.subList(0, Math.min(n, files.size())), true);
        return run(n >= files.size() ? "all (" + r.files().size() + " converted)" : String.valueOf(n), r, bundled, file, base, warmUps);
    }

    /** The one-rule file first, then the corpus in file-name order: each set contains the smaller ones. */
    static List<Path> ruleFiles() throws Exception {
        Path corpus = SharedData.find("sigma/rules/windows/process_creation").orElseThrow(() -> new IllegalStateException("shared/sigma not found"));
        List<Path> files = new ArrayList<>(List.of(corpus.resolve(ONE)));
        try (Stream<Path> s = Files.list(corpus)) {
            s.filter(p -> p.toString().endsWith(".yml") && !p.getFileName().toString().equals(ONE)).sorted().forEach(files::add);
        }
        return files;
    }

    static ConversionResult convert(List<Path> files, boolean prefilter) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path p : files) sources.put(p.getFileName().toString(), Files.readString(p));
        return SigmaConverter.defaults().withPrefilter(prefilter).convert(sources);
    }

    /** Returns {events/s wall, events per process CPU-second}. */
    private static double[] run(String label, ConversionResult converted, RuleSource bundled, Path file, double[] base, int warmUps) throws Exception {
        long t0 = System.nanoTime();
        CompiledRules compiled = RuleCompiler.compile(SigmaConverter.merge(bundled, converted));
        double build = (System.nanoTime() - t0) / 1e9;
        // Warm-up: the JIT keeps improving a set's code for a few passes (the first set also warms the whole
        // pipeline); measured cold, a set's rate would depend on its place in the run.
        for (int i = 0; i < warmUps; i++) pass(compiled, file);
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

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
