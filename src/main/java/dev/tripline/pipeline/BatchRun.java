package dev.tripline.pipeline;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.ReplaySession;
import dev.tripline.engine.StateLimit;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

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
                          Duration dedupWindow, boolean showSuppressed, List<Object> facts, IngestOptions ingest,
                          long stateLimit) {
        public Options {
            facts = List.copyOf(facts);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), false, Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(1),
                    false, List.of(), IngestOptions.defaults(), 0);
        }

        public Options withSchema(Optional<EventShape> s) { return new Options(s, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, ingest, stateLimit); }
        public Options withStrict(boolean s) { return new Options(schema, s, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, ingest, stateLimit); }
        public Options withReorderWindow(Duration w) { return new Options(schema, strict, w, rewindThreshold, dedupWindow, showSuppressed, facts, ingest, stateLimit); }
        public Options withRewindThreshold(Duration r) { return new Options(schema, strict, reorderWindow, r, dedupWindow, showSuppressed, facts, ingest, stateLimit); }
        public Options withDedupWindow(Duration d) { return new Options(schema, strict, reorderWindow, rewindThreshold, d, showSuppressed, facts, ingest, stateLimit); }
        public Options withShowSuppressed(boolean s) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, s, facts, ingest, stateLimit); }
        public Options withFacts(List<Object> f) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, f, ingest, stateLimit); }
        /** At most {@code n} time-bound facts per session ({@link StateLimit}); 0: the default for the heap. */
        public Options withStateLimit(long n) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, ingest, n); }
        public Options withIngest(IngestOptions i) { return new Options(schema, strict, reorderWindow, rewindThreshold, dedupWindow, showSuppressed, facts, i, stateLimit); }
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
        return run(rules, inputs, options, sink, stdin, new RunStats());
    }

    /** Runs the batch counting into {@code stats}, which the caller can still report when the run fails. */
    public static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink, InputStream stdin, RunStats stats) {
        return run(() -> ReplaySession.local(rules, options.facts(), options.stateLimit()), rules.readAhead(), inputs, options,
                sink, stdin, stats, AlertTimeline.DEFAULT_MAX_HELD_EVENTS);
    }

    /**
     * The same run on sessions from {@code sessions}, one per replay segment (e.g. a KIE Server container's). A
     * session's unchecked exception ends the run; alerts already produced are still written.
     */
    public static RunStats run(Supplier<ReplaySession> sessions, List<String> inputs, Options options, AlertSink sink, InputStream stdin) {
        return run(sessions, inputs, options, sink, stdin, new RunStats());
    }

    /** As above, counting into {@code stats}, which the caller can still report when the run fails. */
    public static RunStats run(Supplier<ReplaySession> sessions, List<String> inputs, Options options, AlertSink sink, InputStream stdin, RunStats stats) {
        return run(sessions, fact -> {}, inputs, options, sink, stdin, stats, AlertTimeline.DEFAULT_MAX_HELD_EVENTS);
    }

    /** As {@link #run(CompiledRules, List, Options, AlertSink, InputStream)}, spilling held alerts beyond {@code maxHeldAlertEvents}. */
    static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink, InputStream stdin,
                        int maxHeldAlertEvents) {
        return run(() -> ReplaySession.local(rules, options.facts(), options.stateLimit()), rules.readAhead(), inputs, options,
                sink, stdin, new RunStats(), maxHeldAlertEvents);
    }

    /**
     * All inputs replay as one timeline ({@link Timeline}); alerts are written as a timeline too
     * ({@link AlertTimeline}, which spills to disk beyond {@code maxHeldAlertEvents}). {@code readAhead} is work on
     * each fact that the input threads do before the session's thread gets it ({@link CompiledRules#readAhead}).
     */
    private static RunStats run(Supplier<ReplaySession> sessions, Consumer<TimedFact> readAhead, List<String> inputs,
                                Options options, AlertSink sink, InputStream stdin, RunStats stats, int maxHeldAlertEvents) {
        stats.start();
        AlertTimeline alerts = new AlertTimeline(maxHeldAlertEvents);
        boolean replayed = false;
        try (Replay replay = new Replay(sessions, options, stats, alerts)) {
            Listener listener = new Listener(stats, options.strict(), replay);
            List<Ingest.Source> sources = Ingest.sources(inputs, listener);
            try (Timeline timeline = new Timeline(sources, options.schema(), options.ingest(), stdin,
                    options.reorderWindow().toMillis(), options.rewindThreshold().toMillis(), options.strict(), readAhead)) {
                timeline.replay(listener);
            } catch (StrictModeViolation stop) {
                // --strict stops reading, not correlating: the valid events before the rejected line have gone
                // through the session; its windows close and their alerts are written before the run ends.
                replay.finish();
                throw stop;
            }
            replay.finish();
            replayed = true;
            write(alerts, sink);
        } catch (RuntimeException | Error e) {
            // Whatever ends the run (--strict, an internal error), the alerts already produced are written; a
            // failure of writing them is not retried.
            if (replayed || e instanceof AlertSinkFailure) throw e;
            try {
                write(alerts, sink);
            } catch (RuntimeException | Error secondary) {
                e.addSuppressed(secondary);
            }
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
        private final Supplier<ReplaySession> sessions;
        private final Options options;
        private final RunStats stats;
        private final AlertTimeline alerts;
        private final Deduplicator dedup;
        private ReplaySession session;

        Replay(Supplier<ReplaySession> sessions, Options options, RunStats stats, AlertTimeline alerts) {
            this.sessions = sessions;
            this.options = options;
            this.stats = stats;
            this.alerts = alerts;
            this.dedup = new Deduplicator(options.dedupWindow().toMillis(), this::write);
            this.session = sessions.get();
            stats.segment();
        }

        /** One input went back in time: finish this session and replay what follows in a fresh one. */
        void rewind() {
            if (session.factsInserted() == 0) return;
            finish();
            session.close();
            session = sessions.get();
            stats.segment();
        }

        void accept(TimedFact fact) {
            for (ReplaySession.Firing f : session.accept(fact)) {
                dedup.release(f.clock(), f.alerts());
                for (Alert a : f.alerts()) dedup.accept(a, f.clock());
            }
        }

        void finish() {
            List<ReplaySession.Firing> rest = session.finish();
            for (int i = 0; i < rest.size(); i++) {
                ReplaySession.Firing f = rest.get(i);
                boolean closing = i == rest.size() - 1;
                if (!closing) dedup.release(f.clock(), f.alerts());
                for (Alert a : f.alerts()) dedup.accept(a, closing ? Long.MIN_VALUE : f.clock());
            }
            dedup.flush();
            stats.late(session.lateFacts());
            stats.evicted(session.evicted());
            stats.folded(dedup.folded() - stats.folded());
            stats.foldsClosedEarly(dedup.closedEarly());
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
            stats.event(fact);
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

        @Override public void onInputClosed(String input, long lines, long blank) {
            stats.linesRead(lines);
            stats.blankLines(blank);
        }

        @Override public void onInputNote(String input, String note) { stats.note(input, note); }

        @Override public void onInputUnreadable(String input, String reason) { stats.unreadable(input, reason); }

        @Override public void onBytesRead(long n) { stats.bytesRead(n); }
    }
}
