package dev.tripline.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/** What a scenario produced against what it expected; {@code missing} and {@code unexpected} make the diff. */
public record ScenarioResult(Scenario scenario, List<JsonNode> actual, List<JsonNode> missing,
                             List<JsonNode> unexpected, Set<String> firedRuleIds, long rejected) {
    public boolean passed() { return missing.isEmpty() && unexpected.isEmpty(); }
}
