package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

/** Turns one record of one event shape into a canonical fact. One implementation per shape. */
public interface Normalizer {

    /** Whether this record has this shape (cheap: looks at a few keys). */
    boolean recognizes(JsonNode record);

    /** The fact, or why the record was skipped or rejected. Never throws for bad data. */
    Outcome normalize(JsonNode record, SourceRef source);
}
