package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;
import java.util.Optional;

/**
 * Takes each parsed record to its shape's normalizer and the outcome to the listener, so that every record
 * ends as exactly one fact, skip or rejection. A normalizer bug on odd data costs that record, not the run.
 */
final class RecordDispatcher {
    private final Normalizer forced;
    private final EventShape forcedShape;
    private final IngestListener listener;

    RecordDispatcher(Optional<EventShape> forced, IngestListener listener) {
        this.forced = forced.map(EventShape::normalizer).orElse(null);
        this.forcedShape = forced.orElse(null);
        this.listener = listener;
    }

    void record(JsonNode node, SourceRef source) {
        if (node == null || !node.isObject()) {
            reject(source, Reasons.NOT_AN_OBJECT, node == null ? "empty" : "a JSON " + kind(node));
            return;
        }
        Normalizer normalizer = forced != null ? forced : EventShape.detect(node).map(EventShape::normalizer).orElse(null);
        if (normalizer == null) {
            unknownShape(node, source);
            return;
        }
        Outcome outcome;
        try {
            outcome = normalizer.normalize(node, source);
        } catch (RuntimeException e) {
            reject(source, Reasons.NORMALIZER_FAILED, e.toString());
            return;
        }
        if (outcome instanceof Outcome.Accepted a) listener.onFact(a.fact());
        else if (outcome instanceof Outcome.Skipped s) listener.onSkipped(source, forcedShape == null ? s.reason() : notForcedShape(node, source, s.reason()));
        else if (outcome instanceof Outcome.Rejected r) reject(source, Reasons.category(r.reason()), Reasons.detail(r.reason()));
    }

    /**
     * Under {@code --schema}, a record that detection gives to another shape is skipped because it is not the shape
     * the user forced, which is what to tell them ("not a process creation" would be wrong for a Sysmon event 1).
     */
    private String notForcedShape(JsonNode node, SourceRef source, String reason) {
        EventShape detected = EventShape.detect(node).orElse(null);
        if (detected == null || detected == forcedShape) return reason;
        Outcome own;
        try {
            own = detected.normalizer().normalize(node, source);
        } catch (RuntimeException e) {
            return reason;
        }
        if (own instanceof Outcome.Skipped) return reason; // not an event any shape uses: say that
        return "not the forced shape " + forcedShape.cliName() + " (a " + detected.cliName() + " record)";
    }

    void reject(SourceRef source, String category, String detail) {
        listener.onRejected(source, category, detail == null ? "" : detail);
    }

    /**
     * The Advanced Hunting API answers {@code {"Schema": …, "Results": [rows]}}: the rows are the records.
     * Anything else is a valid record of a shape Tripline does not know.
     */
    private void unknownShape(JsonNode node, SourceRef source) {
        JsonNode rows = node.get("Results");
        if (rows != null && rows.isArray()) {
            for (JsonNode row : rows) record(row, source);
        } else if (node.path("Event").path("System").isObject()) {
            // A Windows event of another log (.evtx records, evtx dumps): say which, by provider or channel and id.
            listener.onSkipped(source, Reasons.notUsed(WinEvent.of(node).label()));
        } else {
            listener.onSkipped(source, Reasons.UNKNOWN_SHAPE);
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
