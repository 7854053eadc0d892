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
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The main job: read the inputs, normalize, replay through one correlation session in event-time order,
 * and stream alerts to the sink. Every line read ends up in {@link RunStats}.
 */
public final class BatchRun {

    /** How a run treats its input. */
    public record Options(Optional<EventShape> schema, boolean strict, Duration reorderWindow, IngestOptions ingest) {
        public static Options defaults() {
            return new Options(Optional.empty(), false, Duration.ofMinutes(5), IngestOptions.defaults());
        }

        public Options withSchema(Optional<EventShape> s) { return new Options(s, strict, reorderWindow, ingest); }
        public Options withStrict(boolean s) { return new Options(schema, s, reorderWindow, ingest); }
        public Options withReorderWindow(Duration w) { return new Options(schema, strict, w, ingest); }
    }

    private BatchRun() {}

    public static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink) {
        return run(rules, inputs, options, sink, System.in);
    }

    /**
     * Runs the batch. Throws {@link StrictModeViolation} in strict mode at the first rejected line (alerts
     * produced before it have been written), and {@link UncheckedIOException} if the sink fails.
     */
    public static RunStats run(CompiledRules rules, List<String> inputs, Options options, AlertSink sink, InputStream stdin) {
        RunStats stats = new RunStats();
        stats.start();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            ReorderBuffer buffer = new ReorderBuffer(options.reorderWindow().toMillis());
            Listener listener = new Listener(stats, options.strict(), buffer, session, sink);
            Ingest.read(inputs, options.schema(), options.ingest(), listener, stdin);
            for (TimedFact f : buffer.drain()) listener.emit(session.accept(f));
            listener.emit(session.finish());
            stats.late(session.lateFacts());
        } finally {
            stats.stop();
        }
        return stats;
    }

    private static final class Listener implements IngestListener {
        private final RunStats stats;
        private final boolean strict;
        private final ReorderBuffer buffer;
        private final CorrelationSession session;
        private final AlertSink sink;

        Listener(RunStats stats, boolean strict, ReorderBuffer buffer, CorrelationSession session, AlertSink sink) {
            this.stats = stats;
            this.strict = strict;
            this.buffer = buffer;
            this.session = session;
            this.sink = sink;
        }

        @Override public void onFact(TimedFact fact) {
            stats.event();
            for (TimedFact ready : buffer.add(fact)) emit(session.accept(ready));
        }

        @Override public void onSkipped(SourceRef source, String reason) { stats.skipped(source, reason); }

        @Override public void onRejected(SourceRef source, String reason, String detail) {
            stats.rejected(source, reason, detail);
            if (strict) throw new StrictModeViolation(source, reason, detail);
        }

        @Override public void onInputOpened(String input) { stats.inputOpened(); }

        @Override public void onInputClosed(String input, long lines) { stats.linesRead(lines); }

        @Override public void onInputUnreadable(String input, String reason) { stats.unreadable(input, reason); }

        void emit(List<Alert> alerts) {
            for (Alert a : alerts) {
                stats.alert(a);
                try {
                    sink.write(a);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write alert: " + e.getMessage(), e);
                }
            }
        }
    }
}
