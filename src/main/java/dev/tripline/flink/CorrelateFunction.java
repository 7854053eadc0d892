package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs the rules for one correlation key (an account, by default) on event time, in a KIE session that is a
 * <em>cache</em> of Flink keyed state, never state itself.
 *
 * <p>Keyed state (checkpointed, redistributed by key group on rescaling):
 * <ul>
 *   <li>{@code pending}: events not yet behind the watermark, by event time. An event-time timer per
 *       timestamp releases them in time order, as the CLI's reorder buffer does.</li>
 *   <li>{@code retained}: the events already given to the session, in the order they were given, each for as
 *       long as {@link Retention} says: its own {@code @expires}, and at least the horizon of what the rules derive.</li>
 *   <li>{@code teachers}: the events that taught context lasting for the rest of the session
 *       ({@link dev.tripline.model.LongLivedContext}), kept while the key has state.</li>
 *   <li>{@code clock} and {@code newest}: the session's pseudo clock and the newest event time of the current
 *       recording (the CLI's rewind rule: an event more than the rewind threshold older starts a new one).</li>
 *   <li>{@code emitted} and {@code folding}: what already went out, and what is held in folds of repeats
 *       ({@link AlertGate}).</li>
 * </ul>
 *
 * <p>After a restore, a rescale, or an eviction from the bounded session cache, the session is rebuilt by
 * replaying {@code teachers} and {@code retained} into a fresh session in the same order and moving its clock
 * to {@code clock}. The replay's alerts are dropped (those events were fully processed, and their alerts sent,
 * before the state was taken), except the ones that sat in open folds, which go back into them. Alerts are
 * also checked against {@code emitted} before they leave, so a rebuilt session can never send one twice.
 * Exactly-once output then follows from Flink's checkpoints plus a transactional sink.
 *
 * <p>Events at or behind the watermark when they arrive ({@code tripline.behindWatermark}) go to the session at
 * once, as the CLI does with an event older than its reorder window. The ones older than what the session has
 * already seen are late in the CLI's sense and counted as it counts them ({@code tripline.late}): single-event
 * rules fire; correlations see them only as far as their partners are still in memory.
 */
public final class CorrelateFunction extends KeyedProcessFunction<String, FlinkEvent, String> {
    private static final long PRUNE_BUCKET_MILLIS = 10 * 60_000L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CorrelateFunction.class);

    private final Settings settings;

    private transient CompiledRules rules;
    private transient Retention retention;
    private transient Map<String, KeyEngine> sessions;
    private transient MapState<Long, List<FlinkEvent>> pending;
    private transient ListState<FlinkEvent> retained;
    private transient ListState<FlinkEvent> teachers;
    private transient ValueState<Long> clock;
    private transient ValueState<Long> newest;
    private transient ValueState<Long> pruneAt;
    private transient AlertGate gate;
    private transient RunCounter late, behindWatermark, rewinds;
    private transient Counter rebuilds, evictions;
    private transient SharedStrings strings;

    /**
     * What the operator needs besides the events.
     *
     * @param rulesDir        a DRL folder, or null for the rules bundled in the job jar
     * @param horizon         how long processed events are retained to rebuild a session; null: the longest
     *                        {@code @expires} the rules declare for what they derive (see {@link Retention})
     * @param rewindThreshold an event this much older than the key's newest starts a new recording (CLI: 2h)
     * @param maxLiveSessions KIE sessions kept live per subtask; the least recently used is disposed beyond it
     * @param facts           inserted into every session first: the job's --context and --allowlist entries
     * @param showSuppressed  emit alerts that a suppression rule or the allowlist marked (the CLI hides them)
     * @param dedupWindow     fold repeated detections within this window, as the CLI's --dedup-window; zero: every
     *                        alert goes out at once (a folded alert waits for its window to close)
     */
    public record Settings(String rulesDir, Duration horizon, Duration rewindThreshold, int maxLiveSessions,
                           List<Object> facts, boolean showSuppressed, Duration dedupWindow) implements Serializable {
        public Settings {
            facts = new ArrayList<>(facts);
            dedupWindow = dedupWindow == null ? Duration.ZERO : dedupWindow;
        }

        public Settings(String rulesDir, Duration horizon, Duration rewindThreshold, int maxLiveSessions,
                        List<Object> facts, boolean showSuppressed) {
            this(rulesDir, horizon, rewindThreshold, maxLiveSessions, facts, showSuppressed, Duration.ZERO);
        }
    }

    public CorrelateFunction(Settings settings) {
        this.settings = settings;
    }

    @Override public void open(OpenContext ctx) {
        rules = RulesCache.get(settings.rulesDir());
        retention = Retention.of(rules, settings.horizon(), settings.rewindThreshold());
        LOG.info("retention in keyed state: {}", retention);
        if (settings.dedupWindow().toMillis() > retention.horizonMillis()) {
            // An open fold is rebuilt from the retained events of its members; they must outlive the window.
            throw new IllegalArgumentException("--dedup-window " + settings.dedupWindow() + " is longer than the horizon "
                    + Duration.ofMillis(retention.horizonMillis()) + "; raise --horizon or shorten the window");
        }
        TypeInformation<FlinkEvent> event = TypeInformation.of(FlinkEvent.class);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(event)));
        retained = getRuntimeContext().getListState(new ListStateDescriptor<>("retained", event));
        teachers = getRuntimeContext().getListState(new ListStateDescriptor<>("teachers", event));
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("clock", Types.LONG));
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Types.LONG));
        pruneAt = getRuntimeContext().getState(new ValueStateDescriptor<>("pruneAt", Types.LONG));
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("tripline");
        gate = new AlertGate(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Types.STRING, Types.LONG)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("folding", Types.STRING, Types.STRING)),
                settings.showSuppressed(), settings.dedupWindow().toMillis(), g, getRuntimeContext());
        late = RunCounter.of(g, getRuntimeContext(), "late");
        behindWatermark = RunCounter.of(g, getRuntimeContext(), "behindWatermark");
        rebuilds = g.counter("sessionRebuilds");
        rewinds = RunCounter.of(g, getRuntimeContext(), "rewinds");
        evictions = g.counter("sessionEvictions");
        strings = new SharedStrings();
        sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<String, KeyEngine> eldest) {
                if (size() <= settings.maxLiveSessions()) return false;
                eldest.getValue().close();
                evictions.inc();
                return true;
            }
        };
    }

    @Override public void close() {
        if (sessions != null) {
            sessions.values().forEach(KeyEngine::close);
            sessions.clear();
        }
    }

    @Override public void processElement(FlinkEvent e, Context ctx, Collector<String> out) throws Exception {
        e.share(strings); // it stays in state for hours: share the values it repeats
        if (e.time > ctx.timerService().currentWatermark()) {
            List<FlinkEvent> bucket = pending.get(e.time);
            if (bucket == null) bucket = new ArrayList<>(1);
            bucket.add(e);
            pending.put(e.time, bucket);
            ctx.timerService().registerEventTimeTimer(e.time);
        } else {
            behindWatermark.inc();
            process(e, ctx, out);
        }
    }

    @Override public void onTimer(long ts, OnTimerContext ctx, Collector<String> out) throws Exception {
        // As the CLI does before each event: folds whose window closed before now go out first.
        if (clock.value() != null) {
            // An alert held open for its echo (heldUntil, timer set in process) leaves once event time passes its
            // window, as the CLI's next event or end of input releases it: before any fold it may join closes.
            KeyEngine engine = engine(ctx.getCurrentKey());
            CorrelationSession s = engine.session();
            if (s.heldUntil() <= ts) {
                gate.emit(engine, s.advanceTo(ts), ctx.timerService(), out);
                clock.update(s.clockMillis());
            }
        }
        if (gate.hasOpenFolds()) gate.release(engine(ctx.getCurrentKey()), ts, out);
        List<FlinkEvent> due = pending.get(ts);
        if (due != null) {
            pending.remove(ts);
            for (FlinkEvent e : due) process(e, ctx, out);
        }
        Long prune = pruneAt.value();
        if (prune != null && prune == ts) {
            pruneAt.clear();
            prune(ts, ctx, out);
        }
    }

    private void process(FlinkEvent e, Context ctx, Collector<String> out) throws Exception {
        Long n = newest.value();
        if (n != null && e.time < n - settings.rewindThreshold().toMillis()) {
            newRecording(ctx, out);
            n = null;
        }
        KeyEngine engine = engine(ctx.getCurrentKey());
        CorrelationSession s = engine.session();
        long learnedBefore = s.longLivedContextLearned(), lateBefore = s.lateFacts();
        gate.emit(engine, s.accept(e.toFact()), ctx.timerService(), out);
        if (s.holdsAlerts()) ctx.timerService().registerEventTimeTimer(s.heldUntil());
        if (s.lateFacts() > lateBefore) late.add(s.lateFacts() - lateBefore); // behind what the session has seen: the CLI's count of late events
        if (s.longLivedContextLearned() > learnedBefore) teachers.add(e); // rebuilt sessions must learn it again
        retained.add(e);
        clock.update(s.clockMillis());
        newest.update(n == null ? e.time : Math.max(n, e.time));
        schedulePrune(ctx, e.time + retention.of(e));
    }

    /**
     * The CLI's rewind: an event far older than this key's newest is the start of another recording. What is
     * still pending of the old one goes to the old session first, which then finishes (every window closes,
     * nothing is lost), and the key starts over.
     */
    private void newRecording(Context ctx, Collector<String> out) throws Exception {
        rewinds.inc();
        String key = ctx.getCurrentKey();
        KeyEngine old = engine(key);
        List<Long> times = new ArrayList<>(new TreeSet<Long>(keys(pending)));
        for (long t : times) {
            for (FlinkEvent p : pending.get(t)) gate.emit(old, old.session().accept(p.toFact()), ctx.timerService(), out);
        }
        pending.clear();
        gate.finish(old, out);
        old.close();
        sessions.remove(key);
        retained.clear();
        teachers.clear(); // the CLI's new recording starts a fresh session, which has learned nothing yet
        clock.clear();
        newest.clear();
    }

    /**
     * Event time passed a retained fact's retention after the key's clock: move the session's clock there (rules
     * that depend on time passing fire now), forget retained facts older than their retention and fingerprints
     * older than the horizon, and when nothing is left, finish the session and drop the key's state — all but
     * the facts that taught lasting context, which a later session of the key must learn again.
     */
    private void prune(long ts, Context ctx, Collector<String> out) throws Exception {
        String key = ctx.getCurrentKey();
        KeyEngine engine = engine(key);
        CorrelationSession s = engine.session();
        gate.emit(engine, s.advanceTo(ts), ctx.timerService(), out);
        clock.update(s.clockMillis());
        List<FlinkEvent> keep = new ArrayList<>();
        long nextPrune = Long.MAX_VALUE;
        for (FlinkEvent e : retained.get()) {
            long until = e.time + retention.of(e);
            if (until >= ts) {
                keep.add(e);
                nextPrune = Math.min(nextPrune, until);
            }
        }
        if (keep.isEmpty() && pending.isEmpty()) {
            gate.finish(engine, out);
            engine.close();
            sessions.remove(key);
            retained.clear();
            clock.clear();
            newest.clear();
            gate.clear();
            return;
        }
        retained.update(keep);
        gate.forgetBefore(ts - retention.horizonMillis());
        schedulePrune(ctx, Math.max(ts + 1, keep.isEmpty() ? ts + retention.horizonMillis() : nextPrune));
    }

    private void schedulePrune(Context ctx, long at) throws Exception {
        if (pruneAt.value() != null) return;
        long bucketed = Math.floorDiv(at, PRUNE_BUCKET_MILLIS) * PRUNE_BUCKET_MILLIS + PRUNE_BUCKET_MILLIS;
        pruneAt.update(bucketed);
        ctx.timerService().registerEventTimeTimer(bucketed);
    }

    /** The key's live engine, or one rebuilt from keyed state (after a restore, a rescale or an eviction). */
    private KeyEngine engine(String key) throws Exception {
        KeyEngine live = sessions.get(key);
        if (live != null) return live;
        CorrelationSession s = CorrelationSession.replay(rules, settings.facts());
        live = KeyEngine.start(s, settings.dedupWindow().toMillis());
        // Alerts of the replay were sent before the state was taken. Teachers no longer retained are merged into
        // the retained history by time (which keeps its given order), so the session learns what they taught
        // where it learned it the first time.
        List<FlinkEvent> history = list(retained.get());
        java.util.ArrayDeque<FlinkEvent> older = new java.util.ArrayDeque<>();
        list(teachers.get()).stream().filter(t -> history.stream().noneMatch(t::sameEventAs))
                .sorted(java.util.Comparator.comparingLong(t -> t.time)).forEach(older::add);
        boolean any = false;
        for (FlinkEvent e : history) {
            while (!older.isEmpty() && older.peek().time <= e.time) gate.refold(live, s.accept(older.poll().toFact()));
            gate.refold(live, s.accept(e.toFact()));
            any = true;
        }
        while (!older.isEmpty()) {
            gate.refold(live, s.accept(older.poll().toFact()));
            any = true;
        }
        Long c = clock.value();
        if (c != null) gate.refold(live, s.advanceTo(c));
        live.released().clear();
        if (any) rebuilds.inc();
        sessions.put(key, live);
        return live;
    }

    private static <T> List<T> list(Iterable<T> it) {
        List<T> out = new ArrayList<>();
        if (it != null) it.forEach(out::add);
        return out;
    }

    private static <K> List<K> keys(MapState<K, ?> state) throws Exception {
        List<K> out = new ArrayList<>();
        for (K k : state.keys()) out.add(k);
        return out;
    }
}
