package dev.tripline.flink;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.output.AlertJson;
import dev.tripline.pipeline.Deduplicator;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a key's alerts leave the operator: suppressed ones dropped unless asked for, repeats folded as the CLI
 * folds them, and every alert sent once — a rebuilt session produces again alerts that were already sent.
 *
 * <p>Keyed state (the caller's, scoped to the current key): {@code emitted} names the alerts already sent (a
 * plain alert by its fingerprint, a folded one by its fold key and first time) with their time, so they can be
 * forgotten after the horizon; {@code folding} holds the fingerprints of the detections sitting in folds still
 * open, which a rebuilt session's replay puts back ({@link #refold}).
 */
final class AlertGate {
    private final MapState<String, Long> emitted;
    private final MapState<String, String> folding;
    private final boolean showSuppressed;
    private final long dedupWindowMillis;
    private final RunCounter alertsOut, duplicatesDropped, suppressedDropped;

    AlertGate(MapState<String, Long> emitted, MapState<String, String> folding, boolean showSuppressed, long dedupWindowMillis,
              MetricGroup metrics, RuntimeContext ctx) {
        this.emitted = emitted;
        this.folding = folding;
        this.showSuppressed = showSuppressed;
        this.dedupWindowMillis = dedupWindowMillis;
        alertsOut = RunCounter.of(metrics, ctx, "alerts");
        duplicatesDropped = RunCounter.of(metrics, ctx, "duplicatesDropped");
        suppressedDropped = RunCounter.of(metrics, ctx, "suppressed");
    }

    /**
     * The session's alerts at its current time, as the CLI takes them: folds whose window closed go out first; a
     * folded detection is held (with a timer for when its window closes); anything else goes out.
     */
    void emit(KeyEngine engine, List<Alert> alerts, TimerService timers, Collector<String> out) throws Exception {
        long now = engine.session().clockMillis();
        engine.dedup().release(now, alerts);
        for (Alert a : alerts) {
            if (dropSuppressed(a)) continue;
            long first = engine.dedup().accept(a, now);
            if (engine.dedup().folds(a)) {
                folding.put(fingerprint(a), foldId(a, first));
                timers.registerEventTimeTimer(first + dedupWindowMillis + Deduplicator.LATENESS + 1);
            }
        }
        drain(engine, out);
    }

    /** Event time reached {@code now}: folds whose window closed before it go out. */
    void release(KeyEngine engine, long now, Collector<String> out) throws Exception {
        engine.dedup().release(now);
        drain(engine, out);
    }

    /** The CLI's end of a recording: the last alerts, then every fold still open. */
    void finish(KeyEngine engine, Collector<String> out) throws Exception {
        for (Alert a : engine.session().finish()) {
            if (!dropSuppressed(a)) engine.dedup().accept(a, Long.MIN_VALUE);
        }
        engine.dedup().flush();
        drain(engine, out);
        folding.clear();
    }

    /** Of a replay's alerts, those that sat in a fold still open when the state was taken go back into it. */
    void refold(KeyEngine engine, List<Alert> replayed) throws Exception {
        if (folding.isEmpty()) return;
        for (Alert a : replayed) {
            if (folding.contains(fingerprint(a))) engine.dedup().accept(a, Long.MIN_VALUE);
        }
    }

    boolean hasOpenFolds() throws Exception { return !folding.isEmpty(); }

    /** Forgets what was sent before {@code cutoff}: nothing that old can be produced again. */
    void forgetBefore(long cutoff) throws Exception {
        for (Iterator<Map.Entry<String, Long>> it = emitted.iterator(); it.hasNext(); ) {
            if (it.next().getValue() < cutoff) it.remove();
        }
    }

    void clear() {
        emitted.clear();
        folding.clear();
    }

    private boolean dropSuppressed(Alert a) {
        if (!a.suppressed() || showSuppressed) return false;
        suppressedDropped.inc();
        return true;
    }

    /** Sends what the fold released, each alert once. */
    private void drain(KeyEngine engine, Collector<String> out) throws Exception {
        for (Alert a : engine.released()) {
            boolean folded = engine.dedup().folds(a);
            String id = folded ? foldId(a, a.firstSeen()) : fingerprint(a);
            if (folded) {
                for (Iterator<Map.Entry<String, String>> it = folding.iterator(); it.hasNext(); ) {
                    if (it.next().getValue().equals(id)) it.remove();
                }
            }
            if (emitted.contains(id)) {
                duplicatesDropped.inc();
                continue;
            }
            emitted.put(id, a.time());
            alertsOut.inc();
            out.collect(AlertJson.toJsonString(a));
        }
        engine.released().clear();
    }

    /** A folded alert is named by what makes detections repeats of each other and the time of its first one. */
    private static String foldId(Alert a, long first) { return "fold|" + Deduplicator.key(a) + "@" + first; }

    /** Kind, rule and the exact events (source and time): two alerts with these equal are the same alert. */
    static String fingerprint(Alert a) {
        StringBuilder b = new StringBuilder(a.kind()).append('|').append(a.rule().id()).append('|').append(a.rule().name());
        for (ProcessEvent e : a.events()) b.append('|').append(e.getSource()).append('@').append(e.getTime());
        return b.toString();
    }
}
