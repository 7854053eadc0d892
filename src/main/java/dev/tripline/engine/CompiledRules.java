package dev.tripline.engine;

import dev.tripline.model.ProcessEvent;
import dev.tripline.model.TimedFact;
import dev.tripline.sigma.runtime.SigmaPrefilter;
import org.drools.base.rule.TypeDeclaration;
import org.drools.core.impl.InternalRuleBase;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A compiled rule set: the KieBase (shareable across sessions and threads) and the context-list facts every
 * session starts with; {@code duplicates} names the rule ids that were loaded twice and which copy runs.
 */
public record CompiledRules(String description, KieBase kieBase, List<Object> contextFacts, List<RuleDiagnostic> warnings,
                            List<RuleIdentity.Duplicate> duplicates) {
    public CompiledRules {
        contextFacts = List.copyOf(contextFacts);
        warnings = List.copyOf(warnings);
        duplicates = List.copyOf(duplicates);
    }

    public CompiledRules(String description, KieBase kieBase, List<Object> contextFacts, List<RuleDiagnostic> warnings) {
        this(description, kieBase, contextFacts, warnings, List.of());
    }

    /**
     * How long the rules keep facts of each declared event type ({@code @expires}), by class: the memory a
     * stream engine must retain to rebuild a session. Types declared without {@code @expires} are absent.
     */
    public Map<Class<?>, Duration> lifetimes() {
        Map<Class<?>, Duration> out = new LinkedHashMap<>();
        for (TypeDeclaration t : ((InternalRuleBase) kieBase).getTypeDeclarations()) {
            long offset = t.getExpirationOffset();
            if (t.getTypeClass() != null && offset != TypeDeclaration.NEVER_EXPIRES && offset >= 0) {
                out.put(t.getTypeClass(), Duration.ofMillis(offset));
            }
        }
        return out;
    }

    /**
     * The longest window a correlation rule declares ({@code @window( "1h" )}): how far back the events whose
     * detections its tally still counts can go, so how long a stream engine rebuilding a session must keep them.
     */
    public Duration longestWindow() {
        Duration longest = Duration.ZERO;
        for (Rule r : rules()) {
            Object w = r.getMetaData().get("window");
            if (w == null) continue;
            try {
                Duration d = Duration.parse("PT" + w.toString().strip().replace("\"", "").toUpperCase(java.util.Locale.ROOT));
                if (d.compareTo(longest) > 0) longest = d;
            } catch (java.time.format.DateTimeParseException e) {
                // not a duration: validation reports metadata; a window we cannot read does not lengthen retention
            }
        }
        return longest;
    }

    /**
     * Work on a fact that needs no session, for the thread that reads the input to do before handing the fact
     * to the session's thread: the Sigma prefilters' scan of a process event ({@link SigmaPrefilter#readAhead}).
     * The session gets the same result either way; only the thread that does the work changes.
     */
    public Consumer<TimedFact> readAhead() {
        Consumer<ProcessEvent> sigma = SigmaPrefilter.readAhead(kieBase);
        return f -> {
            if (f instanceof ProcessEvent p) sigma.accept(p);
        };
    }

    public List<Rule> rules() {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).toList();
    }
}
