package dev.tripline.pipeline;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
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
 * The main job: read the inputs, normalize, replay through a correlation session in event-time order, fold
 * duplicates, and stream alerts to the sink. Every line read ends up in {@link RunStats}.
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
        RunStats stats = new RunStats();
        stats.start();
        ReorderBuffer buffer = new ReorderBuffer(options.reorderWindow().toMillis(), options.rewindThreshold().toMillis());
        try (Replay replay = new Replay(rules, options, stats, sink)) {
            Listener listener = new Listener(stats, options.strict(), buffer, replay);
            try {
                Ingest.read(inputs, options.schema(), options.ingest(), listener, stdin);
            } catch (StrictModeViolation stop) {
                // --strict stops reading, not correlating: the valid events before the rejected line still go
                // through the session, and their alerts are written before the run ends.
                for (TimedFact f : buffer.drain()) replay.accept(f);
                replay.finish();
                throw stop;
            }
            for (TimedFact f : buffer.drain()) replay.accept(f);
            replay.finish();
        } finally {
            stats.stop();
        }
        return stats;
    }

    /**
     * The session side of a run. Event time only moves forward in a session; an event more than the rewind
     * threshold older than the clock is the start of another recording (concatenated exports are full of
     * these), so the current session is finished — every window closed, nothing lost — and a fresh one
     * replays the new segment from its own start. Smaller disorder is inserted late and counted.
     */
    private static final class Replay implements AutoCloseable {
        private final CompiledRules rules;
        private final Options options;
        private final RunStats stats;
        private final AlertSink sink;
        private final Deduplicator dedup;
        private CorrelationSession session;

        Replay(CompiledRules rules, Options options, RunStats stats, AlertSink sink) {
            this.rules = rules;
            this.options = options;
            this.stats = stats;
            this.sink = sink;
            this.dedup = new Deduplicator(options.dedupWindow().toMillis(), this::write);
            this.session = CorrelationSession.replay(rules, options.facts());
            stats.segment();
        }

        void accept(TimedFact fact) {
            if (session.factsInserted() > 0 && fact.getTime() < session.clockMillis() - options.rewindThreshold().toMillis()) {
                finish();
                session.close();
                session = CorrelationSession.replay(rules, options.facts());
                stats.segment();
            }
            List<Alert> alerts = session.accept(fact);
            long now = session.clockMillis();
            dedup.release(now);
            for (Alert a : alerts) dedup.accept(a, now);
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
            try {
                sink.write(a);
            } catch (IOException e) {
                throw new AlertSinkFailure(e);
            }
        }

        @Override public void close() { session.close(); }
    }

    private static final class Listener implements IngestListener {
        private final RunStats stats;
        private final boolean strict;
        private final ReorderBuffer buffer;
        private final Replay replay;

        Listener(RunStats stats, boolean strict, ReorderBuffer buffer, Replay replay) {
            this.stats = stats;
            this.strict = strict;
            this.buffer = buffer;
            this.replay = replay;
        }

        @Override public void onFact(TimedFact fact) {
            stats.event(fact);
            for (TimedFact ready : buffer.add(fact)) replay.accept(ready);
        }

        @Override public void onSkipped(SourceRef source, String reason) { stats.skipped(source, reason); }

        @Override public void onRejected(SourceRef source, String reason, String detail) {
            stats.rejected(source, reason, detail);
            if (strict) throw new StrictModeViolation(source, reason, detail);
        }

        @Override public void onInputOpened(String input) { stats.inputOpened(); }

        @Override public void onInputClosed(String input, long lines) { stats.linesRead(lines); }

        @Override public void onInputClosed(String input, long lines, long blank) {
            stats.linesRead(lines);
            stats.blankLines(blank);
        }

        @Override public void onInputNote(String input, String note) { stats.note(input, note); }

        @Override public void onInputUnreadable(String input, String reason) { stats.unreadable(input, reason); }
    }
}
