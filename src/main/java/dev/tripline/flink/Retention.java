package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the job keeps each kind of event in keyed state after giving it to a session, read from the rules'
 * own {@code @expires}, so a rule change that lengthens a lifetime needs no job option to follow it.
 *
 * <p>A rebuilt session must hold what the lost one held. That is each event for its own lifetime (a logon for
 * the 12h its session context lasts), and every event for as long as anything derived from it lives: the
 * <em>horizon</em>, by default the longest lifetime the rules declare for a type that is not an input event
 * (detections, correlations and their suppression markers), or the longest window a
 * correlation declares ({@code @window}: its tally counts detections that far back). What the rules derive with no lifetime at all is
 * {@link dev.tripline.model.LongLivedContext}; its teaching events are kept apart for as long as the key lives.
 */
final class Retention {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Retention.class);
    private final long horizonMillis;
    private final Map<FlinkEvent.Kind, Long> byKind;

    private Retention(long horizonMillis, Map<FlinkEvent.Kind, Long> byKind) {
        this.horizonMillis = horizonMillis;
        this.byKind = byKind;
    }

    /** @param horizon the job's --horizon, or null to derive it from the rules */
    static Retention of(CompiledRules rules, Duration horizon) {
        return of(rules, horizon, Duration.ZERO);
    }

    /**
     * @param horizon  the job's --horizon, or null to derive it from the rules
     * @param lateness how far behind a key's newest event an event may still arrive and join its session (the
     *                 rewind threshold): a derived horizon adds it, because the CLI correlates such a late event
     *                 with everything it still holds, and the job's prune would otherwise have expired that already
     *                 (one reader reading two per-host exports one after the other sends the second's early events
     *                 behind a watermark the first moved on)
     */
    static Retention of(CompiledRules rules, Duration horizon, Duration lateness) {
        Map<Class<?>, Duration> lifetimes = rules.lifetimes();
        long derived = 0;
        java.util.Set<Class<?>> inputs = new java.util.HashSet<>();
        for (FlinkEvent.Kind k : FlinkEvent.Kind.values()) inputs.add(k.factClass());
        for (Map.Entry<Class<?>, Duration> e : lifetimes.entrySet()) {
            if (!inputs.contains(e.getKey())) derived = Math.max(derived, e.getValue().toMillis());
        }
        derived = Math.max(derived, rules.longestWindow().toMillis()); // the tallies count detections that far back
        long h = horizon != null ? horizon.toMillis() : derived + lateness.toMillis();
        Map<FlinkEvent.Kind, Long> byKind = new EnumMap<>(FlinkEvent.Kind.class);
        for (FlinkEvent.Kind k : FlinkEvent.Kind.values()) {
            Duration own = lifetimes.get(k.factClass());
            if (own == null) {
                // The CLI's session would hold such events for the whole run; the job holds them for the horizon.
                LOG.warn("the rules declare no @expires for {}: the job keeps it {} after its time, the CLI for the whole run",
                        k.factClass().getSimpleName(), Duration.ofMillis(h));
            }
            byKind.put(k, Math.max(h, own == null ? 0 : own.toMillis()));
        }
        return new Retention(h, byKind);
    }

    /** How long after its own time this event stays in state. */
    long of(FlinkEvent e) { return byKind.get(e.kindOrProcess()); }

    long horizonMillis() { return horizonMillis; }

    @Override public String toString() { return "horizon " + Duration.ofMillis(horizonMillis) + ", by kind " + byKind; }
}
