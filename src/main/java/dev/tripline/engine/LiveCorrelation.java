package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.TimedFact;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live correlation ({@code tripline watch}): one session on the real-time clock whose rules can be replaced
 * while it runs.
 *
 * <p>Reload keeps the session's facts by replaying them: a new session is made from the new rules (with the
 * new rules' context lists) and every process event of the last {@link #REPLAYED} (at most {@link #MAX_REPLAYED}
 * of them) is inserted into it again, in time order; the session lets a process event go as soon as its rules
 * have fired, so they are kept here. Everything derived (detections, correlations,
 * burst markers, classifications) is re-derived by the new rules. Alerts the replay re-derives that were
 * already reported (same kind, rule id and events) are not reported twice; an alert only the new rules
 * produce on the held events is reported — the new rule catches up on recent events.
 *
 * <p>Chosen over an incremental KieBase update ({@code KieContainer.updateToVersion}) because it is exact
 * for any change (declares, functions, data lists, removed rules) and needs no versioned in-memory modules.
 * Not thread-safe: one thread drives it.
 */
public final class LiveCorrelation implements AutoCloseable {
    private static final int REMEMBERED_ALERTS = 100_000;
    /** How far back a reload replays process events (the session held them this long when they lived a minute). */
    static final Duration REPLAYED = Duration.ofMinutes(1);
    /** At most this many are kept for a reload, the eldest going first: a flood within a minute stays bounded. */
    static final int MAX_REPLAYED = 10_000;

    private CompiledRules rules;
    private CorrelationSession session;
    private final ArrayDeque<ProcessEvent> recent = new ArrayDeque<>();
    private final Map<String, Boolean> reported = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > REMEMBERED_ALERTS; }
    };

    public LiveCorrelation(CompiledRules rules) {
        this.rules = rules;
        this.session = CorrelationSession.live(rules);
    }

    /** Inserts one event now and returns the alerts it raised. */
    public List<Alert> accept(TimedFact fact) {
        if (fact instanceof ProcessEvent p) {
            recent.addLast(p);
            long cutoff = replayedFrom();
            while (!recent.isEmpty() && (recent.peekFirst().getTime() < cutoff || recent.size() > MAX_REPLAYED)) recent.pollFirst();
        }
        return fresh(session.accept(fact));
    }

    /** The oldest event time a reload replays now. */
    private long replayedFrom() { return session.clockMillis() - REPLAYED.toMillis(); }

    /** Fires what the clock has made due (windows closing, expiries); call periodically. */
    public List<Alert> tick() { return fresh(session.fire()); }

    /** Ends the watch: fires what is due and releases every alert still held open (a command waiting for its echo). */
    public List<Alert> finish() { return fresh(session.finish()); }

    /** Swaps in new rules, replaying the events still held; returns the alerts only the new rules raise. */
    public List<Alert> reload(CompiledRules next) {
        long from = replayedFrom();
        List<ProcessEvent> held = new ArrayList<>(); // what replayable() counts
        for (ProcessEvent e : recent) if (e.getTime() >= from) held.add(e);
        held.sort(Comparator.comparingLong(ProcessEvent::getTime));
        CorrelationSession replacement = CorrelationSession.live(next);
        List<Alert> out = new ArrayList<>();
        for (ProcessEvent e : held) out.addAll(fresh(replacement.accept(e)));
        session.close();
        session = replacement;
        rules = next;
        return out;
    }

    public CompiledRules rules() { return rules; }

    /** Process events a reload would replay now. */
    int replayable() {
        long from = replayedFrom();
        return (int) recent.stream().filter(e -> e.getTime() >= from).count();
    }

    /** Facts the current session holds. */
    public long factCount() { return session.factCount(); }

    private List<Alert> fresh(List<Alert> alerts) {
        List<Alert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) if (reported.put(key(a), Boolean.TRUE) == null) out.add(a);
        return out;
    }

    private static String key(Alert a) {
        StringBuilder k = new StringBuilder(a.kind()).append('|').append(a.rule().id());
        for (ProcessEvent e : a.events()) k.append('|').append(e.getSource());
        return k.toString();
    }

    @Override public void close() { session.close(); }
}
