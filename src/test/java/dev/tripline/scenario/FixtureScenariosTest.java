package dev.tripline.scenario;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every folder in fixtures/: its events in, exactly its expected alerts out (no more, no fewer). */
class FixtureScenariosTest {
    static final Path FIXTURES = Path.of("fixtures");
    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    static List<Scenario> scenarios() throws Exception {
        return Scenario.all(FIXTURES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioProducesExactlyItsAlerts(Scenario scenario) {
        ScenarioResult result = ScenarioRunner.run(rules, scenario);

        assertThat(result.missing()).as("%s: expected alerts that were not produced", scenario.name()).isEmpty();
        assertThat(result.unexpected()).as("%s: alerts produced that the scenario does not expect", scenario.name()).isEmpty();
        assertThat(result.rejected()).as("%s: fixture lines rejected", scenario.name()).isZero();
    }

    @Test void everyScenarioHasAPositiveAndTheSuiteCoversEveryShapeAndEscalation() throws Exception {
        List<Scenario> all = scenarios();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        assertThat(all).allSatisfy(s -> assertThat(s.expectedAlerts()).as(s.name()).isNotEmpty());
        assertThat(all).extracting(Scenario::name)
                .contains("seed-net1-localgroup-administrators", "seed-net-exe-quoted-localgroup-administrators",
                        "seed-net-group-domain-admins", "shape-sysmon-evtx-dump", "shape-winlogbeat", "shape-security-4688",
                        "shape-defender", "shape-ecs", "escalation-critical-server-parent", "burst-three-in-ten-minutes");
    }
}
