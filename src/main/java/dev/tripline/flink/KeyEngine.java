package dev.tripline.flink;

import dev.tripline.engine.CorrelationSession;
import dev.tripline.model.Alert;
import dev.tripline.pipeline.Deduplicator;

import java.util.ArrayList;
import java.util.List;

/**
 * A key's live engine, a cache of its keyed state: the KIE session, the fold of repeats (the CLI's
 * {@link Deduplicator}) and the folded alerts the fold released that still have to go out.
 */
record KeyEngine(CorrelationSession session, Deduplicator dedup, List<Alert> released) implements AutoCloseable {
    static KeyEngine start(CorrelationSession session, long dedupWindowMillis) {
        List<Alert> released = new ArrayList<>();
        return new KeyEngine(session, new Deduplicator(dedupWindowMillis, released::add), released);
    }

    @Override public void close() { session.close(); }
}
