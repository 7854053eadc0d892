package dev.tripline.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput and efficiency of the Flink job (not a test): synthetic Sysmon events for many hosts and accounts
 * through the job in a local MiniCluster at parallelism 1 and 2 (files in, keyed by account, bundled rules,
 * alerts discarded), and through the CLI pipeline ({@code BatchRun}, one session, every alert out at once as the
 * job's default) on the same events, the three alternating in each round after a warm-up. Prints per run
 * events/s, the CPU the whole process used (cores busy on average) and events per CPU-second (process CPU time,
 * which counts the MiniCluster's start and stop, GC and JIT threads), then the medians and the ratios: p=1 and
 * p=2 against the CLI per CPU-second, and p=2 against p=1 by wall time and per CPU-second.
 *
 * <p>The jobs run on one MiniCluster started before the first run (one task manager, two slots), as jobs on a
 * running session cluster do, so a run's CPU is the job's (deployment, reading, correlating, checkpoints), not
 * a cluster's start and stop: with {@code fresh} as the fourth argument each run starts its own local cluster
 * instead (about 2 CPU-seconds more per run on this machine, whatever the number of events).
 *
 * <p>Inputs are chosen so that event time is read in order at both parallelisms: one file with every event at
 * p=1 (a reader takes one input after another, so two files covering the same hours would make the second all
 * late), two files split by host, each covering the whole time range, at p=2 (one per reader).
 *
 * <pre>mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.tripline.flink.FlinkBenchmark [events] [hosts] [repeats] [fresh]</pre>
 */
public final class FlinkBenchmark {
    private static final int MAX_PARALLELISM = 128; // Flink's default for these parallelisms

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean fresh = args.length > 3 && args[3].equals("fresh");
        Path dir = Files.createTempDirectory("tripline-bench");
        // One user per host (plus LOCAL_SYSTEM, a hot key as in real fleets), 3% discovery, 100 ms apart.
        List<String> lines = SyntheticEvents.lines(events, hosts, hosts, Instant.parse("2024-03-05T00:00:00Z").toEpochMilli(), 100, 3, 42);
        Path all = dir.resolve("events.jsonl");
        Files.write(all, lines, StandardCharsets.UTF_8);
        List<String> one = List.of(all.toString());
        List<String> two = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            Path f = dir.resolve("events-" + part + ".jsonl");
            List<String> half = new ArrayList<>();
            for (String l : lines) if (hostOf(l) % 2 == part) half.add(l);
            Files.write(f, half, StandardCharsets.UTF_8);
            two.add(f.toString());
        }
        System.out.printf("tripline flink benchmark: %,d events, %d hosts, %d accounts + SYSTEM, %d repeats, %d cores, Java %s%n",
                events, hosts, hosts, repeats, Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("  share of events per subtask at p=2 (account keys by key group): " + shares(lines)
                + (fresh ? "; a local cluster per run" : "; one MiniCluster for all runs"));
        MiniCluster cluster = null;
        if (!fresh) {
            Configuration conf = new Configuration();
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).withRandomPorts().build());
            cluster.start();
        }
        var rules = dev.tripline.engine.RuleCompiler.compile(dev.tripline.engine.RuleSource.bundled());
        for (int warm = 0; warm < 2; warm++) { // warm-up: compiles the rules, JIT; throughput still climbs over the first runs
            cli(rules, one, events);
            run(cluster, one, 1, events);
            run(cluster, two, 2, events);
        }
        List<double[]> c = new ArrayList<>(), p1 = new ArrayList<>(), p2 = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            c.add(cli(rules, one, events));
            p1.add(run(cluster, one, 1, events));
            p2.add(run(cluster, two, 2, events));
        }
        double m1 = median(p1, 0), m2 = median(p2, 0);
        double e0 = median(c, 2), e1 = median(p1, 2), e2 = median(p2, 2);
        System.out.printf("median events/s: cli %,.0f   p=1 %,.0f (%.2f cores busy)   p=2 %,.0f (%.2f cores busy)   ratio p2/p1 %.2f%n",
                median(c, 0), m1, median(p1, 1), m2, median(p2, 1), m2 / m1);
        System.out.printf("median events per CPU-second: cli %,.0f   p=1 %,.0f   p=2 %,.0f   ratios p1/cli %.2f   p2/cli %.2f   p2/p1 %.2f%n",
                e0, e1, e2, e1 / e0, e2 / e0, e2 / e1);
        if (cluster != null) cluster.close();
        for (Path f : Files.list(dir).toList()) Files.delete(f);
        Files.delete(dir);
    }

    /** The CLI pipeline on the same events: {events/s, cores busy on average, events per CPU-second} */
    private static double[] cli(dev.tripline.engine.CompiledRules rules, List<String> inputs, int events) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int alerts = FlinkTestSupport.cliAlerts(rules, inputs, dev.tripline.pipeline.BatchRun.Options.defaults()).size();
        return report("cli (BatchRun, one session)", events, t0, cpu0, os, ", " + String.format("%,d alerts", alerts));
    }

    /** {events/s, cores busy on average, events per CPU-second} */
    private static double[] run(MiniCluster cluster, List<String> inputs, int parallelism, int events) throws Exception {
        StreamExecutionEnvironment env;
        if (cluster != null) {
            env = new TestStreamEnvironment(cluster, parallelism);
        } else {
            Configuration conf = new Configuration();
            conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        JobOptions o = new JobOptions().parallelism(parallelism).checkpointInterval(Duration.ofSeconds(10));
        inputs.forEach(o::input);
        TriplineJob.configure(env, o);
        TriplineJob.alerts(env, o).sinkTo(new DiscardingSink<>());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        env.execute("benchmark p=" + parallelism);
        return report("p=" + parallelism, events, t0, cpu0, os, "");
    }

    private static double[] report(String what, int events, long t0, long cpu0, com.sun.management.OperatingSystemMXBean os, String extra) {
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double rate = events / secs;
        System.out.printf("  %s: %,d events in %.2f s = %,.0f events/s, %.2f cores busy, %,.0f events per CPU-second%s%n",
                what, events, secs, rate, cpu / secs, events / cpu, extra);
        return new double[] {rate, cpu / secs, events / cpu};
    }

    private static String shares(List<String> lines) {
        Map<Integer, Integer> perSubtask = new HashMap<>();
        for (String l : lines) {
            int u = l.indexOf("\"User\":\"") + 8;
            String user = l.substring(u, l.indexOf('"', u));
            String key = CorrelationKey.accountKey(dev.tripline.model.Account.parse(user, null));
            perSubtask.merge(KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2), 1, Integer::sum);
        }
        return String.format("%.0f%% / %.0f%%", 100.0 * perSubtask.getOrDefault(0, 0) / lines.size(),
                100.0 * perSubtask.getOrDefault(1, 0) / lines.size());
    }

    private static int hostOf(String line) {
        int i = line.indexOf("\"Computer\":\"ws") + 14;
        int j = line.indexOf('.', i);
        return Integer.parseInt(line.substring(i, j));
    }

    private static double median(List<double[]> xs, int field) {
        List<Double> s = xs.stream().map(x -> x[field]).sorted().toList();
        return s.get(s.size() / 2);
    }
}
