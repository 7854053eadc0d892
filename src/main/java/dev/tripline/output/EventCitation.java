package dev.tripline.output;

import dev.tripline.model.SourceRef;

/**
 * How an alert cites one of its events, the same way in every output that is not JSON: {@code file:line} for a
 * line-based input. A record-based input (an .evtx file, where an event is its EventRecordID) is cited as
 * {@code file#record}: when {@link SourceRef} learns the record, this is the one place to teach it.
 */
public final class EventCitation {
    private EventCitation() {}

    public static String of(SourceRef ref) {
        if (ref == null) return "";
        return ref.line() > 0 ? ref.file() + ":" + ref.line() : ref.file();
    }
}
