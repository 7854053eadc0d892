package dev.tripline.pipeline;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.Alert;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The main job: read the inputs, normalize, replay all of them as one timeline ({@link Timeline}: a merge by
 * event time) through a correlation session, fold duplicates, and write the alerts as a timeline
 * ({@link AlertTimeline}: by alert time). Every line read ends up in {@link RunStats}.
 */
public final class BatchRun {

    /**
     * How a run treats its input. {@code facts} are inserted into every session before the events (the run's
     * --context inventories and --allowlist entries).
     */
    public record Options(Optional<EventShape> schema, boolean strict, Duration reorderWindow, Duration rewindThreshold,
                          Duration dedupWindow, boolean showSuppressed, List<Object> facts, IngestOptions ingest) {
        public Options {
            facts = List.copyOf(facts);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), false, Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(1),
                    false, List.of(), IngestOptions.defaults());
        }

        public Options withSchema(Optional<EventShape> s) { return new Options(s, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, ingest); }
        public Options withStrict(boolean s) { return new Options(schema, s, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, ingest); }
        public Options withReorderWindow(Duration w) { return new Options(schema, strict, w, rewindThreshold, dedupWindow, showSuppressed, facts, ingest); }
        public Options withRewindThreshold(Duration r) { return new Options(schema, strict, reorderWindow, r, dedupWindow, showSuppressed, facts, ingest); }
        public Options withDedupWindow(Duration d) { return new Options(schema, strict, reorderWindow, rewindThreshold, d, showSuppressed, facts, ingest); }
        public Options withShowSuppressed(boolean s) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, s, facts, ingest); }
        public Options withFacts(List<Object> f) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, f, ingest); }
        public Options withIngest(IngestOptions i) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, i); }
    }

    private BatchRun() {}

    public static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink) {
        return run(rules, inputs, options, sink, System.in);
    }

    /**
     * Runs the batch. Throws {@link StrictModeViolation} in strict mode at the first rejected line (alerts
     * produced before it have been written), and {@link AlertSinkFailure} if alerts cannot be written.
     */
    public static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink, InputStream stdin) {
        return run(rules, inputs, options, sink, stdin, AlertTimeline.DEFAULT_MAX_HELD_EVENTS);
    }

    /**
     * All inputs replay as one timeline ({@link Timeline}); alerts are written as a timeline too
     * ({@link AlertTimeline}, which spills to disk beyond {@code maxHeldAlertEvents}).
     */
    static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink, InputStream stdin,
                        int maxHeldAlertEvents) {
        RunStats stats = new RunStats();
        stats.start();
        AlertTimeline alerts = new AlertTimeline(maxHeldAlertEvents);
        try (Replay replay = new Replay(rules, options, stats, alerts)) {
            Listener listener = new Listener(stats, options.strict(), replay);
            List<Ingest.Source> sources = Ingest.sources(inputs, listener);
            try (Timeline timeline = new Timeline(sources, options.schema(), options.ingest(), stdin,
                    options.reorderWindow().toMillis(), options.rewindThreshold().toMillis())) {
                timeline.replay(listener);
            }
            replay.finish();
            write(alerts, sink);
        } catch (StrictModeViolation e) {
            write(alerts, sink);
            throw e;
        } finally {
            alerts.close();
            stats.stop();
        }
        return stats;
    }

    private static void write(AlertTimeline alerts, AlertSink sink) {
        try {
            alerts.writeTo(sink);
        } catch (IOException e) {
            throw new AlertSinkFailure(e);
        }
    }

    /**
     * The session side of a run. Event time only moves forward in a session; one input going back in time by
     * more than the rewind threshold starts another recording (concatenated exports are full of these), so the
     * current session is finished — every window closed, nothing lost — and a fresh one replays the rest of the
     * timeline from there. Smaller disorder is inserted late and counted.
     */
    private static final class Replay implements AutoCloseable {
        private final CompiledRules rules;
        private final Options options;
        private final RunStats stats;
        private final AlertTimeline alerts;
        private final Deduplicator dedup;
        private CorrelationSession session;

        Replay(CompiledRules rules, Options options, RunStats stats, AlertTimeline alerts) {
            this.rules = rules;
            this.options = options;
            this.stats = stats;
            this.alerts = alerts;
            this.dedup = new Deduplicator(options.dedupWindow().toMillis(), this::write);
            this.session = CorrelationSession.replay(rules, options.facts());
            stats.segment();
        }

        /** One input went back in time: finish this session and replay what follows in a fresh one. */
        void rewind() {
            if (session.factsInserted() == 0) return;
            finish();
            session.close();
            session = CorrelationSession.replay(rules, options.facts());
            stats.segment();
        }

        void accept(TimedFact fact) {
            List<Alert> fired = session.accept(fact);
            long now = session.clockMillis();
            dedup.release(now);
            for (Alert a : fired) dedup.accept(a, now);
        }

        void finish() {
            List<Alert> last = session.finish();
            for (Alert a : last) dedup.accept(a, Long.MIN_VALUE);
            dedup.flush();
            stats.late(session.lateFacts());
            stats.folded(dedup.folded() - stats.folded());
        }

        private void write(Alert a) {
            stats.alert(a);
            if (a.suppressed() && !options.showSuppressed()) return;
            alerts.add(a);
        }

        @Override public void close() { session.close(); }
    }

    private static final class Listener implements Timeline.TimelineListener {
        private final RunStats stats;
        private final boolean strict;
        private final Replay replay;

        Listener(RunStats stats, boolean strict, Replay replay) {
            this.stats = stats;
            this.strict = strict;
            this.replay = replay;
        }

        @Override public void onFact(TimedFact fact) {
            stats.event();
            replay.accept(fact);
        }

        @Override public void onRewind(String input) { replay.rewind(); }

        @Override public void onSkipped(SourceRef source, String reason) { stats.skipped(source, reason); }

        @Override public void onRejected(SourceRef source, String reason, String detail) {
            stats.rejected(source, reason, detail);
            if (strict) throw new StrictModeViolation(source, reason, detail);
        }

        @Override public void onInputOpened(String input) { stats.inputOpened(); }

        @Override public void onInputClosed(String input, long lines) { stats.linesRead(lines); }

        @Override public void onInputUnreadable(String input, String reason) { stats.unreadable(input, reason); }
    }
}
