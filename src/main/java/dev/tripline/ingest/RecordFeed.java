package dev.tripline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

import java.util.Optional;

/**
 * One JSON record at a time, for inputs that grow while they are read ({@code tripline watch}): the caller
 * splits lines and keeps the line count; each record goes through shape detection and normalization exactly
 * as a batch's do, and ends as one fact, skip or rejection on the listener.
 */
public final class RecordFeed {
    private final RecordDispatcher dispatcher;

    public RecordFeed(Optional<EventShape> forced, IngestListener listener) {
        this.dispatcher = new RecordDispatcher(forced, listener);
    }

    /** One line of JSON Lines input; blank lines are ignored. */
    public void line(String input, long lineNumber, String text) {
        if (text.isBlank()) return;
        SourceRef source = new SourceRef(input, lineNumber);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            dispatcher.reject(source, Reasons.INVALID_JSON, e.getOriginalMessage());
            return;
        }
        dispatcher.record(node, source);
    }
}
