package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.TimedFact;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One STREAM-mode KIE session driven by event time: before each fact goes in, the pseudo clock moves to the
 * fact's time, so a month-old batch replays exactly as it happened and {@code @expires} keeps memory bounded.
 * Not thread-safe (KIE sessions are not); use one per thread or partition.
 *
 * <p>Out-of-order facts: the clock never moves back. A fact older than the clock is still inserted at its own
 * timestamp and counted as late; rules on the single event still fire, and temporal correlations see it only
 * as far as its partners are still in memory. The pipeline's reorder buffer keeps modest disorder from
 * ever reaching this point.
 */
public final class CorrelationSession implements AutoCloseable {
    /** How far {@link #finish()} runs the clock past the last event, so every window and expiry closes. */
    public static final Duration FLUSH_HORIZON = Duration.ofDays(1);

    private final KieSession session;
    private final SessionPseudoClock clock; // null in a live session (real-time clock)
    private final FindingCollector collector = new FindingCollector();
    private final StateLimit limit;
    private long lateFacts;
    private long factsInserted;
    private boolean started;

    /**
     * The two session configurations, built once: building one reads the class path's kie.session.conf files,
     * which a Flink job that opens a session per key would otherwise do hundreds of times (about 2% of its CPU).
     * Sessions only read them.
     */
    private static final class Configurations {
        static final KieSessionConfiguration PSEUDO = of(ClockTypeOption.PSEUDO), REALTIME = of(ClockTypeOption.REALTIME);

        private static KieSessionConfiguration of(ClockTypeOption clock) {
            KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
            conf.setOption(clock);
            return conf;
        }
    }

    private CorrelationSession(CompiledRules rules, boolean pseudoClock) {
        this(rules, pseudoClock, StateLimit.forHeap());
    }

    private CorrelationSession(CompiledRules rules, boolean pseudoClock, StateLimit limit) {
        this.limit = limit;
        this.session = rules.kieBase().newKieSession(pseudoClock ? Configurations.PSEUDO : Configurations.REALTIME, null);
        this.clock = pseudoClock ? session.getSessionClock() : null;
        session.addEventListener(collector);
        session.addEventListener(limit);
        rules.contextFacts().forEach(session::insert);
    }

    /** A session for replaying a batch on a pseudo clock that follows event time. */
    public static CorrelationSession replay(CompiledRules rules) { return new CorrelationSession(rules, true); }

    /** A replay session that also starts with {@code facts} (the run's --context and --allowlist entries). */
    public static CorrelationSession replay(CompiledRules rules, java.util.Collection<?> facts) {
        return replay(rules, facts, StateLimit.forHeap());
    }

    /** As {@link #replay(CompiledRules, java.util.Collection)}, holding at most what {@code limit} allows. */
    public static CorrelationSession replay(CompiledRules rules, java.util.Collection<?> facts, StateLimit limit) {
        CorrelationSession s = new CorrelationSession(rules, true, limit);
        facts.forEach(s.session::insert);
        return s;
    }

    /**
     * A session on the real-time clock, for events as they happen ({@code tripline watch}): the clock is not
     * driven by event time, and windows close as wall-clock time passes ({@link #fire()} periodically).
     */
    public static CorrelationSession live(CompiledRules rules) { return new CorrelationSession(rules, false); }

    /** Inserts one fact at its event time, fires the rules, and returns the alerts that firing produced. */
    public List<Alert> accept(TimedFact fact) {
        if (clock == null) {
            session.insert(fact);
            factsInserted++;
            return fire();
        }
        long now = clock.getCurrentTime();
        if (!started) {
            // The pseudo clock starts at 0; jump to the first event rather than "advancing" through decades.
            clock.advanceTime(fact.getTime() - now, java.util.concurrent.TimeUnit.MILLISECONDS);
            started = true;
        } else if (fact.getTime() > now) {
            clock.advanceTime(fact.getTime() - now, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else if (fact.getTime() < now) {
            lateFacts++;
        }
        session.insert(fact);
        factsInserted++;
        fireWithinLimit();
        return collector.drain(clock.getCurrentTime());
    }

    /** Fires what is due (in a live session: windows and expiries the real-time clock has reached). */
    public List<Alert> fire() {
        fireWithinLimit();
        return collector.drain(clockMillis());
    }

    /**
     * Moves the clock forward to {@code epochMillis} (never back) and fires: what a stream job calls when event
     * time passes without an event (a watermark), so windows and expiries follow event time between events.
     */
    public List<Alert> advanceTo(long epochMillis) {
        long now = clock.getCurrentTime();
        if (!started || epochMillis <= now) return List.of();
        clock.advanceTime(epochMillis - now, java.util.concurrent.TimeUnit.MILLISECONDS);
        fireWithinLimit();
        return collector.drain(clock.getCurrentTime());
    }

    /** Fires, and when the session then holds more than its {@link StateLimit}, lets the eldest go and fires again. */
    private void fireWithinLimit() {
        session.fireAllRules();
        if (limit.exceeded() && limit.shed(session)) session.fireAllRules();
    }

    /** Time-bound facts let go early because the session reached its {@link StateLimit}, by kind. */
    public java.util.Map<String, Long> evicted() { return limit.evicted(); }

    /**
     * Ends the batch: runs the clock past every window so nothing pending is lost, and returns what fired and
     * every alert still held open (a typed command waiting for its echo).
     */
    public List<Alert> finish() {
        if (clock == null) {
            session.fireAllRules();
            return collector.drainAll();
        }
        List<Alert> out = new ArrayList<>();
        if (started) {
            clock.advanceTime(FLUSH_HORIZON.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            session.fireAllRules();
        }
        out.addAll(collector.drainAll());
        return out;
    }

    /**
     * Whether alerts are held open (a typed command waiting for its echo): they leave when the clock passes their
     * window, so a stream job moves the clock there ({@link #advanceTo}) when event time passes it without an event.
     */
    public boolean holdsAlerts() { return collector.held() > 0; }

    /** The session time at which the first alert held open is released ({@code Long.MAX_VALUE} when none is held). */
    public long heldUntil() { return collector.heldUntil(); }

    /** Facts that arrived with a time before the session clock. */
    public long lateFacts() { return lateFacts; }

    public long factsInserted() { return factsInserted; }

    /**
     * How many {@link dev.tripline.model.LongLivedContext} facts the rules have derived in this session so far: a
     * caller that compares it before and after {@link #accept} knows whether that fact taught lasting context.
     */
    public long longLivedContextLearned() { return collector.longLivedContext(); }

    /** Facts currently held by the session (events not yet expired, classifications, context lists). */
    public long factCount() { return session.getFactCount(); }

    public long clockMillis() { return clock == null ? session.getSessionClock().getCurrentTime() : clock.getCurrentTime(); }

    KieSession kieSession() { return session; }

    @Override public void close() { session.dispose(); }
}
