package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.TimedFact;

import java.util.Collection;
import java.util.List;

/**
 * What a batch replay needs of a session, wherever the session runs: in this JVM ({@link #local}) or in a KIE
 * Server container (dev.tripline.kie), where facts travel in batches and their alerts come back later. So that
 * deduplication sees exactly what a local run sees, a session reports each firing with the clock right after it,
 * in order, whenever it learns of it.
 */
public interface ReplaySession extends AutoCloseable {
    /** The alerts one firing produced and the session clock just after it. */
    record Firing(List<Alert> alerts, long clock) {}

    /** Inserts {@code fact} at its event time and fires; returns the firings that have completed since the last call. */
    List<Firing> accept(TimedFact fact);

    /**
     * Ends the replay: firings still pending, then the closing firing (clock run past every window), which is the
     * last element.
     */
    List<Firing> finish();

    /** Event time of the session (the latest fact's time, never back). */
    long clockMillis();

    long factsInserted();

    /** Facts that arrived with a time before the session clock. */
    long lateFacts();

    /** Time-bound facts let go early because the session reached its {@link StateLimit}, by kind. */
    default java.util.Map<String, Long> evicted() { return java.util.Map.of(); }

    @Override void close();

    /** A session in this JVM on a pseudo clock, starting with {@code facts} (the run's --context and --allowlist entries). */
    static ReplaySession local(CompiledRules rules, Collection<?> facts) { return local(rules, facts, 0); }

    /** As {@link #local(CompiledRules, Collection)}, holding at most {@code stateLimit} time-bound facts (0: the default for the heap). */
    static ReplaySession local(CompiledRules rules, Collection<?> facts, long stateLimit) {
        CorrelationSession s = CorrelationSession.replay(rules, facts, stateLimit > 0 ? StateLimit.of(stateLimit) : StateLimit.forHeap());
        return new ReplaySession() {
            @Override public List<Firing> accept(TimedFact fact) {
                List<Alert> alerts = s.accept(fact);
                return List.of(new Firing(alerts, s.clockMillis()));
            }
            @Override public List<Firing> finish() { return List.of(new Firing(s.finish(), s.clockMillis())); }
            @Override public long clockMillis() { return s.clockMillis(); }
            @Override public long factsInserted() { return s.factsInserted(); }
            @Override public long lateFacts() { return s.lateFacts(); }
            @Override public java.util.Map<String, Long> evicted() { return s.evicted(); }
            @Override public void close() { s.close(); }
        };
    }
}
