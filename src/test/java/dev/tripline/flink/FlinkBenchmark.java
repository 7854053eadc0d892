package dev.tripline.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the Flink job (not a test): synthetic Sysmon events for many hosts, written to two files,
 * read, normalized, keyed by host and run through the bundled rules at parallelism 1 and 2 in a local
 * MiniCluster, alerts discarded. Prints events/s per run, the medians and the p2/p1 ratio.
 *
 * <pre>mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.tripline.flink.FlinkBenchmark [events] [hosts] [repeats] [watermark granularity, ISO-8601]</pre>
 */
public final class FlinkBenchmark {
    private static Duration granularity;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        granularity = args.length > 3 ? Duration.parse(args[3]) : Duration.ofMillis(1);
        Path dir = Files.createTempDirectory("tripline-bench");
        List<String> lines = SyntheticEvents.lines(events, hosts, Instant.parse("2024-03-05T00:00:00Z").toEpochMilli(), 100, 3, 42);
        // Two files: at parallelism 2 each reader takes one (one input is one unit of work).
        List<String> inputs = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            Path f = dir.resolve("events-" + part + ".jsonl");
            List<String> half = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("\"Computer\":\"ws") && hostOf(lines.get(i)) % 2 == part) half.add(lines.get(i));
            Files.write(f, half, StandardCharsets.UTF_8);
            inputs.add(f.toString());
        }
        System.out.printf("tripline flink benchmark: %,d events, %d hosts, %d repeats, watermark granularity %s, %d cores%n",
                events, hosts, repeats, granularity, Runtime.getRuntime().availableProcessors());
        cli(inputs, events); // the CLI pipeline on the same inputs, one JVM, one session: the baseline
        run(inputs, 1, events); // warm-up: compiles the rules, JIT
        List<Double> p1 = new ArrayList<>(), p2 = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            p1.add(run(inputs, 1, events));
            p2.add(run(inputs, 2, events));
        }
        double m1 = median(p1), m2 = median(p2);
        System.out.printf("median events/s: p=1 %,.0f   p=2 %,.0f   ratio p2/p1 %.2f%n", m1, m2, m2 / m1);
        for (Path f : Files.list(dir).toList()) Files.delete(f);
        Files.delete(dir);
    }

    private static void cli(List<String> inputs, int events) throws Exception {
        var rules = dev.tripline.engine.RuleCompiler.compile(dev.tripline.engine.RuleSource.bundled());
        long t0 = System.nanoTime();
        int alerts = FlinkTestSupport.cliAlerts(rules, inputs, dev.tripline.pipeline.BatchRun.Options.defaults()).size();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  cli (BatchRun): %,d events in %.2f s = %,.0f events/s, %,d alerts%n", events, secs, events / secs, alerts);
    }

    private static int hostOf(String line) {
        int i = line.indexOf("\"Computer\":\"ws") + 14;
        int j = line.indexOf('.', i);
        return Integer.parseInt(line.substring(i, j));
    }

    private static double run(List<String> inputs, int parallelism, int events) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        JobOptions o = new JobOptions().parallelism(parallelism).checkpointInterval(Duration.ofSeconds(10))
                .watermarkGranularity(granularity);
        inputs.forEach(o::input);
        TriplineJob.configure(env, o);
        TriplineJob.alerts(env, o).sinkTo(new DiscardingSink<>());
        long t0 = System.nanoTime();
        env.execute("benchmark p=" + parallelism);
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = events / secs;
        System.out.printf("  p=%d: %,d events in %.2f s = %,.0f events/s%n", parallelism, events, secs, rate);
        return rate;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }
}
