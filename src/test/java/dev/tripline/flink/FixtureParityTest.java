package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.EventShape;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.pipeline.Durations;
import dev.tripline.scenario.Scenario;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario in fixtures/ through the Flink job at parallelism 2 (files in, keyed by host): exactly the
 * alerts the CLI pipeline produces on the same input, alert for alert (order aside), full alert JSON.
 */
class FixtureParityTest {
    @RegisterExtension static final MiniClusterExtension MINI = FlinkTestSupport.miniCluster();

    static CompiledRules rules;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void everyFixtureGivesTheCliAlertsAtParallelismTwo() throws Exception {
        List<Scenario> scenarios = Scenario.all(Path.of("fixtures"));
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(20);
        List<String> failures = new ArrayList<>();
        List<String> notCarried = new ArrayList<>();
        long total = 0;
        for (Scenario s : scenarios) {
            // The stream job carries process events only; logons, privileges and service installs (context the
            // logs teach) are not on its wire yet (docs/flink.md, limitations).
            if (hasContextEvents(s)) {
                notCarried.add(s.name());
                continue;
            }
            BatchRun.Options options = BatchRun.Options.defaults()
                    .withSchema(Optional.ofNullable(s.schema()).flatMap(EventShape::byName));
            if (s.reorderWindow() != null) options = options.withReorderWindow(Durations.parse(s.reorderWindow()));
            List<String> expected = FlinkTestSupport.cliAlerts(rules, s.eventInputs(), options);

            JobOptions o = new JobOptions().parallelism(2).schema(s.schema()).outOfOrderness(options.reorderWindow());
            s.eventInputs().forEach(o::input);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            TriplineJob.configure(env, o);
            List<String> actual = new ArrayList<>();
            try (CloseableIterator<String> it = TriplineJob.alerts(env, o).executeAndCollect("fixture " + s.name())) {
                it.forEachRemaining(actual::add);
            }
            total += actual.size();
            if (!sorted(actual).equals(sorted(expected))) {
                failures.add(s.name() + ":\n  flink=" + sorted(actual) + "\n  cli  =" + sorted(expected));
            }
        }
        assertThat(failures).as("scenarios where Flink and the CLI differ").isEmpty();
        assertThat(notCarried).containsExactly("learned-context-from-logons-and-services");
        assertThat(total).isGreaterThan(20);
    }

    private static List<String> sorted(List<String> l) { return l.stream().sorted().toList(); }

    private static boolean hasContextEvents(Scenario s) throws java.io.IOException {
        for (String input : s.eventInputs()) {
            String text = java.nio.file.Files.readString(Path.of(input));
            if (text.contains("\"EventID\": 4624") || text.contains("\"EventID\": 7045") || text.contains("\"EventID\": 4672")) return true;
        }
        return false;
    }
}
