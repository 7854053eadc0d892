package dev.tripline.kjar.command;

import dev.tripline.engine.FindingCollector;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The session-side half of a REST replay, attached to the session by the first Tripline command: watches findings,
 * escalations, context notes and suppressions as rules insert them and, after each firing ({@link #seal()}),
 * turns the new findings into alerts with Tripline's own engine class ({@link FindingCollector}) (detections first, escalations of that
 * firing). Sealed alerts wait in an outbox until {@link TakeAlerts} takes them, so a finding's expiry (2 h of
 * event time) never loses one. Lives and dies with its session.
 */
public final class AlertCollector implements RuleRuntimeEventListener {
    private final FindingCollector findings = new FindingCollector();
    private final List<RemoteAlert> outbox = new ArrayList<>();
    private long firings;

    /** The session's collector, attached now if it has none. */
    public static AlertCollector of(KieSession session) {
        for (Object l : session.getRuleRuntimeEventListeners()) if (l instanceof AlertCollector c) return c;
        AlertCollector c = new AlertCollector();
        session.addEventListener(c);
        return c;
    }

    @Override public void objectInserted(ObjectInsertedEvent event) { findings.objectInserted(event); }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override public void objectDeleted(ObjectDeletedEvent event) {}

    /**
     * Ends a firing at session time {@code clock}: its findings become alerts in the outbox, numbered with the firing
     * (1, 2, … per session); a finding held open for an echo goes out with the firing after its window has passed.
     */
    void seal(long clock) {
        firings++;
        for (FindingCollector.Assembled a : findings.drainAssembled(clock)) outbox.add(RemoteAlert.of(a.alert(), a.raisedBy(), firings));
    }

    /** The sealed alerts, oldest first, and an empty outbox. */
    ArrayList<RemoteAlert> take() {
        ArrayList<RemoteAlert> out = new ArrayList<>(outbox);
        outbox.clear();
        return out;
    }
}
