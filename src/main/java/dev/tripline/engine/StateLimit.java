package dev.tripline.engine;

import dev.tripline.model.AwaitsEcho;
import dev.tripline.model.DistinctTally;
import dev.tripline.model.LongLivedContext;
import dev.tripline.model.TallyHold;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ceiling on the time-bound state a session holds, so that no input can exhaust the heap: events (process events,
 * detections, logons, correlation inputs and marks), the correlations' tallies and learned context, counted as
 * they come and go.
 * Their lifetimes bound them by event time, but a log can put any number of them inside one window (a script
 * looping, a million accounts in an hour). Past the ceiling the oldest of them leave memory early, before their
 * {@code @expires} or quiet window: correlations over them may then be missed, which the run summary says with the
 * counts, by kind. Nothing else changes: detections still alert, and the same input with the same ceiling gives
 * the same alerts (the ceiling counts facts, not bytes, so it does not depend on when the JVM collects garbage).
 *
 * <p>Lasting context learned from the logs ("a service identity from then on") has no lifetime but grows with the
 * accounts a log names, so it is counted too; the eldest goes first. The run's context lists and classifications
 * derived from a finding are not counted and never removed; classifications go with the findings they came from.
 */
public final class StateLimit implements RuleRuntimeEventListener {
    /** Heap per held fact the default ceiling allows for: a detection with its engine tuples and its event's text. */
    static final long BYTES_PER_FACT = 8 * 1024;
    /** The default ceiling never goes below this (a small heap still correlates a busy hour of a few hosts). */
    static final long MIN_DEFAULT = 8_192;

    /**
     * Inserts between two sweeps for handles Drools expired (it does not tell listeners when it expires an event), at
     * least. A sweep also waits until the inserts since the last one are half of all handles held, that is as many
     * as were live after it: walking them all then costs about two steps per insert (with every Sigma rule loaded,
     * sweeping every 4,096 inserts was 3% of the session thread), and expired handles never outnumber live ones.
     */
    static final int SWEEP_EVERY = 4_096;

    private final long ceiling;
    private int sinceSweep;
    private final Map<FactHandle, String> held = new LinkedHashMap<>(); // insertion order: the eldest leave first
    private final Map<String, Long> evicted = new TreeMap<>();

    private StateLimit(long ceiling) {
        if (ceiling < 1) throw new IllegalArgumentException("state limit must be at least 1, not " + ceiling);
        this.ceiling = ceiling;
    }

    /** At most {@code facts} time-bound facts. */
    public static StateLimit of(long facts) { return new StateLimit(facts); }

    /** The default ceiling for this JVM: its maximum heap over {@value #BYTES_PER_FACT} bytes a fact. */
    public static StateLimit forHeap() { return new StateLimit(defaultCeiling(Runtime.getRuntime().maxMemory())); }

    static long defaultCeiling(long maxHeapBytes) { return Math.max(MIN_DEFAULT, maxHeapBytes / BYTES_PER_FACT); }

    public long ceiling() { return ceiling; }

    @Override public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof TallyHold || o instanceof AwaitsEcho) return; // a few bytes pointing at what is counted; letting one go frees nothing
        if (o instanceof DistinctTally || o instanceof LongLivedContext
                || (event.getFactHandle() instanceof InternalFactHandle h && h.isEvent())) {
            held.put(event.getFactHandle(), o.getClass().getSimpleName());
            // A handle keeps its fact: without a sweep, expired events (and their text) would stay reachable here.
            if (++sinceSweep >= SWEEP_EVERY && sinceSweep >= held.size() / 2) sweep();
        }
    }

    /** Forgets the handles of facts no longer in working memory (events Drools expired without telling listeners). */
    private void sweep() {
        sinceSweep = 0;
        held.keySet().removeIf(h -> !(h instanceof InternalFactHandle ih) || !ih.isValid() || ih.isExpired());
    }

    @Override public void objectDeleted(ObjectDeletedEvent event) { held.remove(event.getFactHandle()); }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {}

    /** Whether the session may hold more than the ceiling (expired events are only noticed by {@link #shed}). */
    boolean exceeded() { return held.size() > ceiling; }

    /**
     * Removes the eldest held facts until a tenth of the ceiling is free again (so a session at the ceiling does
     * not pay for this after every event). Returns whether any fact was let go: the caller then fires the rules, so
     * what depended on them settles.
     */
    boolean shed(KieSession session) {
        sweep(); // expired events first: letting them go frees nothing the session still uses
        if (held.size() <= ceiling) return false;
        long target = ceiling - ceiling / 10;
        List<Map.Entry<FactHandle, String>> eldest = new ArrayList<>();
        Iterator<Map.Entry<FactHandle, String>> it = held.entrySet().iterator();
        for (long n = held.size() - target; n > 0 && it.hasNext(); n--) {
            Map.Entry<FactHandle, String> e = it.next();
            eldest.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (Map.Entry<FactHandle, String> e : eldest) {
            if (!held.containsKey(e.getKey())) continue; // removed meanwhile by a rule reacting to an earlier one
            session.delete(e.getKey());
            held.remove(e.getKey());
            evicted.merge(e.getValue(), 1L, Long::sum);
        }
        return true;
    }

    /** Facts removed before their time, by kind (class name); empty when the ceiling was never reached. */
    public Map<String, Long> evicted() { return java.util.Collections.unmodifiableMap(new TreeMap<>(evicted)); }

    /** Time-bound facts held now. */
    long held() { return held.size(); }
}
