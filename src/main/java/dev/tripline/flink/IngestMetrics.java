package dev.tripline.flink;

import dev.tripline.ingest.IngestListener;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;

import java.util.function.Consumer;

/**
 * Counts what normalizing gave, as Flink metrics under the operator's group ({@code tripline.events},
 * {@code tripline.skipped}, {@code tripline.rejected}, {@code tripline.unreadable}), the stream's
 * equivalent of the CLI's run summary. Rejections are also logged with their source line.
 */
final class IngestMetrics implements IngestListener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestMetrics.class);

    private final RunCounter lines;
    private final RunCounter events;
    private final RunCounter skipped;
    private final RunCounter rejected;
    private final RunCounter unreadable;
    private Consumer<FlinkEvent> downstream = e -> {};

    /** @param ctx the operator's runtime context, for the run summary's accumulators; null where there is none */
    IngestMetrics(MetricGroup parent, RuntimeContext ctx) {
        MetricGroup g = parent.addGroup("tripline");
        lines = RunCounter.of(g, ctx, "lines");
        events = RunCounter.of(g, ctx, "events");
        skipped = RunCounter.of(g, ctx, "skipped");
        rejected = RunCounter.of(g, ctx, "rejected");
        unreadable = RunCounter.of(g, ctx, "unreadable");
    }

    IngestMetrics to(Consumer<FlinkEvent> downstream) {
        this.downstream = downstream;
        return this;
    }

    @Override public void onFact(TimedFact fact) {
        events.inc();
        downstream.accept(FlinkEvent.of(fact));
    }

    @Override public void onSkipped(SourceRef source, String reason) { skipped.inc(); }

    @Override public void onRejected(SourceRef source, String reason, String detail) {
        rejected.inc();
        LOG.warn("rejected {}: {} {}", source, reason, detail);
    }

    @Override public void onInputClosed(String input, long linesRead) { lines.add(linesRead); }

    @Override public void onInputUnreadable(String input, String reason) {
        unreadable.inc();
        LOG.warn("unreadable input {}: {}", input, reason);
    }
}
