package dev.tripline.engine;

import dev.tripline.scenario.Scenario;
import dev.tripline.scenario.ScenarioResult;
import dev.tripline.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prebuilt base (the bundled rules compiled at package time and serialized) is the same rule set as the DRL
 * compiled at run time: every fixture scenario gives exactly the same alerts from both, and a prebuilt base made
 * from other files than the ones bundled is not used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrebuiltRulesTest {
    private RuleSource bundled;
    private CompiledRules compiled;
    private CompiledRules prebuilt;

    @BeforeAll
    void build() throws Exception {
        bundled = RuleSource.bundled();
        compiled = RuleCompiler.compile(bundled);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrebuiltRules.write(bundled, bytes);
        prebuilt = PrebuiltRules.load(bundled, new ByteArrayInputStream(bytes.toByteArray())).orElseThrow();
    }

    @Test
    void everyFixtureScenarioGivesTheSameAlertsFromThePrebuiltBaseAsFromTheDrl() throws Exception {
        List<Scenario> scenarios = Scenario.all(Path.of("fixtures"));
        assertThat(scenarios).isNotEmpty();
        for (Scenario s : scenarios) {
            ScenarioResult fromDrl = ScenarioRunner.run(compiled, s);
            ScenarioResult fromPrebuilt = ScenarioRunner.run(prebuilt, s);
            assertThat(fromPrebuilt.actual()).as(s.name()).isEqualTo(fromDrl.actual());
            assertThat(fromPrebuilt.passed()).as(s.name() + " passes from the prebuilt base").isTrue();
        }
    }

    @Test
    void theBaseReadWithoutTheDrlCarriesItsDataListsAndGivesTheSameAlerts() throws Exception {
        // what a run from the jar reads (loadBundled): no DRL file opened, the data lists from the prebuilt file
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrebuiltRules.write(bundled, bytes);
        CompiledRules fromJar = PrebuiltRules.readBundled(new ByteArrayInputStream(bytes.toByteArray())).orElseThrow();

        assertThat(fromJar.description()).isEqualTo(bundled.description());
        assertThat(fromJar.contextFacts()).isNotEmpty().hasSameSizeAs(compiled.contextFacts());
        assertThat(fromJar.contextFacts().stream().map(Object::toString).sorted().toList())
                .isEqualTo(compiled.contextFacts().stream().map(Object::toString).sorted().toList());
        for (Scenario s : Scenario.all(Path.of("fixtures"))) {
            assertThat(ScenarioRunner.run(fromJar, s).actual()).as(s.name()).isEqualTo(ScenarioRunner.run(compiled, s).actual());
        }
    }

    @Test
    void thePrebuiltBaseHasTheSameRulesAndContextFacts() {
        assertThat(prebuilt.rules()).extracting(r -> r.getPackageName() + "/" + r.getName())
                .containsExactlyInAnyOrderElementsOf(compiled.rules().stream().map(r -> r.getPackageName() + "/" + r.getName()).toList());
        assertThat(prebuilt.contextFacts()).hasSameSizeAs(compiled.contextFacts());
        assertThat(byName(prebuilt.lifetimes())).isEqualTo(byName(compiled.lifetimes()));
    }

    /** Declared types are generated classes, one per class loader: compare them by name. */
    private static java.util.Map<String, java.time.Duration> byName(java.util.Map<Class<?>, java.time.Duration> lifetimes) {
        java.util.Map<String, java.time.Duration> out = new java.util.TreeMap<>();
        lifetimes.forEach((c, d) -> out.put(c.getName(), d));
        return out;
    }

    @Test
    void aPrebuiltBaseOfOtherRulesIsNotUsed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrebuiltRules.write(bundled, bytes);
        RuleSource edited = bundled.without(f -> f.relativePath().endsWith("discovery_spread.drl"));

        assertThat(PrebuiltRules.load(edited, new ByteArrayInputStream(bytes.toByteArray()))).isEmpty();
    }
}
