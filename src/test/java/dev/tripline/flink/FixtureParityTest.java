package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.scenario.Scenario;
import dev.tripline.scenario.ScenarioRunner;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario in fixtures/ through the Flink job at parallelism 2 (files in, keyed by account), with the
 * scenario's own options (schema, reorder window, --context, --allowlist, --show-suppressed): exactly the
 * alerts the CLI pipeline produces on the same input, alert for alert (order aside), full alert JSON: once with
 * every alert out at once (the job's default, the CLI with --dedup-window 0s), once with repeats folded as the
 * CLI does by default (the job with the same --dedup-window).
 */
class FixtureParityTest {
    @RegisterExtension static final MiniClusterExtension MINI = FlinkTestSupport.miniCluster();

    static CompiledRules rules;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void everyFixtureGivesTheCliAlertsAtParallelismTwo() throws Exception {
        List<Scenario> scenarios = Scenario.all(Path.of("fixtures"));
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(30);
        List<String> failures = new ArrayList<>();
        Map<String, List<String>> flinkAlerts = new LinkedHashMap<>();
        long folded = 0;
        for (Scenario s : scenarios) {
            BatchRun.Options options = ScenarioRunner.options(s).withDedupWindow(Duration.ZERO);
            List<String> expected = FlinkTestSupport.cliAlerts(rules, s.eventInputs(), options);

            JobOptions o = new JobOptions().parallelism(2).schema(s.schema()).outOfOrderness(options.reorderWindow())
                    .showSuppressed(s.showSuppressed());
            s.eventInputs().forEach(o::input);
            s.contextFiles().forEach(f -> o.context(f.toString()));
            s.allowlists().forEach(f -> o.allowlist(f.toString()));
            List<String> actual = run(o, s.name());
            flinkAlerts.put(s.name(), actual);
            if (!sorted(actual).equals(sorted(expected))) {
                failures.add(s.name() + ":\n  flink=" + sorted(actual) + "\n  cli  =" + sorted(expected));
            }

            // The same with repeats folded, as `tripline correlate` does by default (1h, or the scenario's window).
            BatchRun.Options folding = ScenarioRunner.options(s);
            List<String> expectedFolded = FlinkTestSupport.cliAlerts(rules, s.eventInputs(), folding, folding.dedupWindow());
            List<String> actualFolded = run(o.dedupWindow(folding.dedupWindow()), s.name() + " (folded)");
            folded += expectedFolded.stream().filter(a -> !a.contains("\"count\":1,")).count();
            if (!sorted(actualFolded).equals(sorted(expectedFolded))) {
                failures.add(s.name() + " (folded):\n  flink=" + sorted(actualFolded) + "\n  cli  =" + sorted(expectedFolded));
            }
        }
        assertThat(folded).as("folded alerts (count > 1) among the scenarios' CLI output").isPositive();
        assertThat(failures).as("scenarios where Flink and the CLI differ").isEmpty();
        assertThat(flinkAlerts.values().stream().mapToInt(List::size).sum()).isGreaterThan(30);

        // The scenarios that need more than process events really got it through the job, not just "no alerts on both sides".
        assertThat(String.join("\n", flinkAlerts.get("learned-context-from-logons-and-services")))
                .as("context learned from 4624/4672/7045 on the stream")
                .contains("logged on as a service (4624 type 5")
                .contains("runs the service")
                .contains("a network logon (type 3) from 10.1.2.3")
                .contains("in a privileged logon session (4672");
        assertThat(String.join("\n", flinkAlerts.get("context-inventory-yaml"))).as("--context on the job").contains("(context file accounts.yaml)");
        assertThat(flinkAlerts.get("suppression-allowlist")).as("--allowlist with --show-suppressed")
                .anyMatch(a -> a.contains("\"suppressed\":true"));
    }

    @Test void withoutShowSuppressedTheJobHidesWhatTheAllowlistAllowsAsTheCliDoes() throws Exception {
        Scenario s = Scenario.load(Path.of("fixtures/suppression-allowlist"));
        List<String> expected = FlinkTestSupport.cliAlerts(rules, s.eventInputs(),
                ScenarioRunner.options(s).withShowSuppressed(false).withDedupWindow(Duration.ZERO));
        JobOptions o = new JobOptions().parallelism(2).allowlist(s.allowlists().get(0).toString());
        s.eventInputs().forEach(o::input);

        List<String> actual = run(o, "allowlist, suppressed hidden");

        assertThat(actual).isNotEmpty().noneMatch(a -> a.contains("\"suppressed\":true"));
        assertThat(sorted(actual)).isEqualTo(sorted(expected));
        assertThat(actual.size()).isLessThan(FlinkTestSupport.cliAlerts(rules, s.eventInputs(),
                ScenarioRunner.options(s).withDedupWindow(Duration.ZERO)).size());
    }

    private static List<String> run(JobOptions o, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TriplineJob.configure(env, o);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = TriplineJob.alerts(env, o).executeAndCollect(name)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> sorted(List<String> l) { return l.stream().sorted().toList(); }
}
