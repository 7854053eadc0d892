package dev.tripline.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.pipeline.Durations;
import dev.tripline.context.AllowlistLoader;
import dev.tripline.context.ContextFileException;
import dev.tripline.context.InventoryLoader;
import dev.tripline.engine.CompiledRules;
import dev.tripline.ingest.EventShape;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertJson;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs one scenario through the real pipeline (one fresh session) and compares alerts with its expectations. */
public final class ScenarioRunner {
    /** Numbers compare by value (a line written as 3 in a fixture equals the engine's long 3). */
    private static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.equals(b)) return 0;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return 1;
    };

    private ScenarioRunner() {}

    public static ScenarioResult run(CompiledRules rules, Scenario s) {
        List<JsonNode> actual = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        AlertSink collect = new AlertSink() {
            @Override public void write(Alert a) {
                actual.add(AlertJson.toJson(a));
                fired.add(a.rule().id());
            }

            @Override public void close() {}
        };
        RunStats stats = BatchRun.run(rules, s.eventInputs(), options(s), collect);
        return compare(s, actual, fired, stats.rejectedCount());
    }

    /** The run options a scenario asks for (scenario.yaml): schema, windows, context, allowlist, suppressed alerts. */
    public static BatchRun.Options options(Scenario s) {
        BatchRun.Options options = BatchRun.Options.defaults()
                .withSchema(Optional.ofNullable(s.schema()).flatMap(EventShape::byName));
        if (s.reorderWindow() != null) options = options.withReorderWindow(Durations.parse(s.reorderWindow()));
        if (s.dedupWindow() != null) options = options.withDedupWindow(Durations.parse(s.dedupWindow()));
        return options.withShowSuppressed(s.showSuppressed()).withFacts(facts(s));
    }

    private static List<Object> facts(Scenario s) {
        List<Object> facts = new ArrayList<>();
        try {
            for (java.nio.file.Path f : s.contextFiles()) facts.addAll(InventoryLoader.load(f));
            for (java.nio.file.Path f : s.allowlists()) facts.addAll(AllowlistLoader.load(f));
        } catch (ContextFileException e) {
            throw new IllegalStateException(s.name() + ": " + e.getMessage(), e);
        }
        return facts;
    }

    static ScenarioResult compare(Scenario s, List<JsonNode> actual, Set<String> fired, long rejected) {
        List<JsonNode> unmatched = new ArrayList<>(actual);
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode want : s.expectedAlerts()) {
            JsonNode hit = null;
            for (JsonNode got : unmatched) {
                if (want.equals(SAME_VALUE, AlertProjection.project(got, want))) { hit = got; break; }
            }
            if (hit == null) missing.add(want);
            else unmatched.remove(hit);
        }
        return new ScenarioResult(s, actual, missing, unmatched, fired, rejected);
    }
}
