package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.ContextNote;
import dev.tripline.model.Suppression;
import dev.tripline.model.Escalation;
import dev.tripline.model.Finding;
import dev.tripline.model.LongLivedContext;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the session for findings and escalations while rules fire, and after each firing turns every new
 * finding into an alert: severity is the highest of the rule's level and its escalations, reasons list each
 * escalation, lowest first. Holds nothing between firings, so memory does not grow with the batch.
 */
public final class FindingCollector implements RuleRuntimeEventListener {
    /** An alert and the escalations that raised it (for clients that want them apart from the reasons). */
    public record Assembled(Alert alert, List<Escalation> raisedBy) {}

    private final List<Finding> findings = new ArrayList<>();
    private final Map<Finding, List<Escalation>> escalations = new IdentityHashMap<>();
    private final Map<Finding, List<String>> notes = new IdentityHashMap<>();
    private final Map<Finding, String> suppressions = new IdentityHashMap<>();
    private long longLivedContext;

    @Override public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof Finding f) findings.add(f);
        else if (o instanceof Escalation e) escalations.computeIfAbsent(e.getFinding(), k -> new ArrayList<>()).add(e);
        else if (o instanceof ContextNote n) notes.computeIfAbsent(n.getFinding(), k -> new ArrayList<>()).add(n.getText());
        else if (o instanceof Suppression s) suppressions.merge(s.getFinding(), s.getReason(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        if (o instanceof LongLivedContext) longLivedContext++;
    }

    /** How many {@link LongLivedContext} facts the rules have inserted so far (never decreases). */
    long longLivedContext() { return longLivedContext; }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override public void objectDeleted(ObjectDeletedEvent event) {}

    /** Alerts for the findings inserted since the last call: detections first, then correlations. */
    List<Alert> drain() {
        return drainAssembled().stream().map(Assembled::alert).toList();
    }

    /**
     * As {@link #drain}, each alert with the escalations that raised it. Public and shipped in the KJAR: the KIE
     * Server commands (dev.tripline.kjar.command.AlertCollector) assemble alerts with this same class.
     */
    public List<Assembled> drainAssembled() {
        if (findings.isEmpty()) {
            clear();
            return List.of();
        }
        List<Assembled> alerts = new ArrayList<>(findings.size());
        findings.sort(Comparator.comparing(f -> f.kind().equals("detection") ? 0 : 1));
        for (Finding f : findings) {
            List<Escalation> raised = escalations.getOrDefault(f, List.of());
            alerts.add(new Assembled(alertFor(f, raised, notes.getOrDefault(f, List.of()), suppressions.get(f)), raised));
        }
        findings.clear();
        clear();
        return alerts;
    }

    private void clear() {
        escalations.clear();
        notes.clear();
        suppressions.clear();
    }

    static Alert alertFor(Finding f, List<Escalation> raisedBy, List<String> context, String suppressedBecause) {
        return Alert.of(f, raisedBy, context, suppressedBecause);
    }
}
