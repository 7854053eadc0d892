package dev.tripline.scenario;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleLint;
import dev.tripline.engine.RuleSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every fixture scenario of a folder run against one rule set: each scenario's result (or why it could not be
 * run) and the coverage of finding rules (those with {@code @id}) by scenarios.
 */
public final class ScenarioSuite {

    /** One scenario's outcome: a result, or the reason it could not be loaded or run. */
    public record Outcome(String name, ScenarioResult result, String error, long millis) {
        public boolean passed() { return error == null && result.passed() && result.rejected() == 0; }
    }

    /** The whole run. {@code uncovered}: finding rules that fired in no scenario. */
    public record Report(List<Outcome> outcomes, List<RuleLint.RuleDeclaration> uncovered, int findingRules, long millis) {
        public long passed() { return outcomes.stream().filter(Outcome::passed).count(); }
        public long failed() { return outcomes.size() - passed(); }
    }

    private ScenarioSuite() {}

    /** Scenario folders directly below {@code root} (those with an expected-alerts.jsonl), sorted by name. */
    public static List<Path> scenarioDirs(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("fixtures folder not found: " + root);
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).filter(Scenario::isScenario).sorted().toList();
        }
    }

    public static Report run(CompiledRules rules, RuleSource source, Path fixtures) throws IOException {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        for (Path dir : scenarioDirs(fixtures)) {
            long t0 = System.nanoTime();
            String name = dir.getFileName().toString();
            try {
                Scenario s = Scenario.load(dir);
                ScenarioResult r = ScenarioRunner.run(rules, s);
                fired.addAll(r.firedRuleIds());
                outcomes.add(new Outcome(name, r, null, (System.nanoTime() - t0) / 1_000_000));
            } catch (IOException | RuntimeException e) {
                outcomes.add(new Outcome(name, null, e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - t0) / 1_000_000));
            }
        }
        List<RuleLint.RuleDeclaration> findingRules = RuleLint.declarations(source).stream().filter(d -> d.id() != null).toList();
        List<RuleLint.RuleDeclaration> uncovered = findingRules.stream().filter(d -> !fired.contains(d.id())).toList();
        return new Report(outcomes, uncovered, findingRules.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
