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

    /**
     * An input was read to its end, or as far as it could be read: {@code lines} physical lines, {@code blank}
     * of them holding only white space. In JSON Lines, {@code lines = facts + skips + rejections + blank}.
     * The default forwards to {@link #onInputClosed(String, long)}.
     */
    default void onInputClosed(String input, long lines, long blank) { onInputClosed(input, lines); }

    /** An input could not be read at all (missing, permission denied, not gzip…), or not to its end. */
    default void onInputUnreadable(String input, String reason) {}

    /**
     * Something the user should know about an input, said once for it: it is empty, a folder holds no event
     * files, it was UTF-16, many of its lines are not UTF-8 text.
     */
    default void onInputNote(String input, String note) {}
}
