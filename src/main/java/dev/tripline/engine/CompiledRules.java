package dev.tripline.engine;

import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import java.util.List;

/**
 * A compiled rule set: the KieBase (shareable across sessions and threads) and the context-list facts every
 * session starts with.
 */
public record CompiledRules(String description, KieBase kieBase, List<Object> contextFacts, List<RuleDiagnostic> warnings) {
    public CompiledRules {
        contextFacts = List.copyOf(contextFacts);
        warnings = List.copyOf(warnings);
    }

    public List<Rule> rules() {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).toList();
    }
}
