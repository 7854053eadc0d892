package dev.tripline.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One JSON record at a time, for inputs that grow while they are read ({@code tripline watch}): the caller
 * splits lines and keeps the line count; each record is decoded, parsed, detected and normalized exactly as a
 * batch's are (a line that is not UTF-8 is rejected, never decoded as U+FFFD), and ends as one fact, skip or
 * rejection on the listener.
 */
public final class RecordFeed {
    private final RecordDispatcher dispatcher;
    private RecordParser parser;
    private String parserInput;

    public RecordFeed(Optional<EventShape> forced, IngestListener listener) {
        this.dispatcher = new RecordDispatcher(forced, listener);
    }

    /** One line of JSON Lines input as read, without its line break; blank lines are ignored. */
    public void line(String input, long lineNumber, byte[] bytes, int offset, int length) {
        if (parser == null || !parserInput.equals(input)) {
            parser = new RecordParser(input, dispatcher, false);
            parserInput = input;
        }
        parser.parse(bytes, offset, length, lineNumber);
    }

    /** One line already decoded to text; blank lines are ignored. Prefer the bytes: decoding may have hidden bad ones. */
    public void line(String input, long lineNumber, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        line(input, lineNumber, bytes, 0, bytes.length);
    }
}
