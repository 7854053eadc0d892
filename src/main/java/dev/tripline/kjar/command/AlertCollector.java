package dev.tripline.kjar.command;

import dev.tripline.model.Alert;
import dev.tripline.model.ContextNote;
import dev.tripline.model.Escalation;
import dev.tripline.model.Finding;
import dev.tripline.model.Suppression;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session-side half of a REST replay, attached to the session by the first Tripline command: watches findings,
 * escalations, context notes and suppressions as rules insert them and, after each firing ({@link #seal()}),
 * turns the new findings into alerts exactly as Tripline's engine does (detections first, escalations of that
 * firing). Sealed alerts wait in an outbox until {@link TakeAlerts} takes them, so a finding's expiry (2 h of
 * event time) never loses one. Lives and dies with its session.
 */
public final class AlertCollector implements RuleRuntimeEventListener {
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Finding, List<Escalation>> escalations = new IdentityHashMap<>();
    private final Map<Finding, List<String>> notes = new IdentityHashMap<>();
    private final Map<Finding, String> suppressions = new IdentityHashMap<>();
    private final List<RemoteAlert> outbox = new ArrayList<>();
    private long firings;

    /** The session's collector, attached now if it has none. */
    public static AlertCollector of(KieSession session) {
        for (Object l : session.getRuleRuntimeEventListeners()) if (l instanceof AlertCollector c) return c;
        AlertCollector c = new AlertCollector();
        session.addEventListener(c);
        return c;
    }

    @Override public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof Finding f) findings.add(f);
        else if (o instanceof Escalation e) escalations.computeIfAbsent(e.getFinding(), k -> new ArrayList<>()).add(e);
        else if (o instanceof ContextNote n) notes.computeIfAbsent(n.getFinding(), k -> new ArrayList<>()).add(n.getText());
        else if (o instanceof Suppression s) suppressions.merge(s.getFinding(), s.getReason(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override public void objectDeleted(ObjectDeletedEvent event) {}

    /** Ends a firing: its findings become alerts in the outbox, numbered with the firing (1, 2, … per session). */
    void seal() {
        firings++;
        findings.sort(Comparator.comparing(f -> f.kind().equals("detection") ? 0 : 1));
        for (Finding f : findings) {
            List<Escalation> raised = escalations.getOrDefault(f, List.of());
            Alert a = Alert.of(f, raised, notes.getOrDefault(f, List.of()), suppressions.get(f));
            outbox.add(RemoteAlert.of(a, raised, firings));
        }
        findings.clear();
        escalations.clear();
        notes.clear();
        suppressions.clear();
    }

    /** The sealed alerts, oldest first, and an empty outbox. */
    ArrayList<RemoteAlert> take() {
        ArrayList<RemoteAlert> out = new ArrayList<>(outbox);
        outbox.clear();
        return out;
    }
}
