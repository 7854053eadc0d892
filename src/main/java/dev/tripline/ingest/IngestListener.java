package dev.tripline.ingest;

import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;

/** Receives everything the readers find, so that every input line is accounted for. */
public interface IngestListener {

    /** A normalized fact, in input order. */
    void onFact(TimedFact fact);

    /** A valid record that is not an event Tripline uses; {@code reason} is a short, stable category. */
    void onSkipped(SourceRef source, String reason);

    /** A line or record that could not be used; {@code reason} is a short, stable category + detail. */
    void onRejected(SourceRef source, String reason, String detail);

    /** An input (file, folder entry or "-") was opened. */
    default void onInputOpened(String input) {}

    /** An input was read to its end; {@code lines} physical lines were read from it. */
    default void onInputClosed(String input, long lines) {}

    /** {@code n} more bytes of an input were read, as stored (compressed for .gz): for a progress display. */
    default void onBytesRead(long n) {}

    /** An input could not be read at all (missing, permission denied, not gzip…). */
    default void onInputUnreadable(String input, String reason) {}
}
