package dev.tripline.ingest;

import dev.tripline.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one input's text — UTF-8, after {@link InputContent} has unwrapped gzip and re-encoded UTF-16 — in any
 * {@link InputFormat}, and hands each record to the dispatcher with its file and 1-based start line. Bad input
 * costs only itself: each line (or element, or pretty-printed object) is decoded as UTF-8 here and parsed on its
 * own, so no byte sequence can make the parser guess another encoding or throw past its record; a broken one is
 * rejected with its reason and reading goes on. Memory is bounded by {@link IngestOptions#maxRecordBytes()}.
 *
 * <p>Line accounting: in JSON Lines every line is one of blank, or one record that is normalized, skipped or
 * rejected, never two (a line holding {@code {..}{..}} or {@code {..} garbage} is one rejection).
 */
final class InputReader {
    private static final int SNIFF = 1 << 16;

    private final String name;
    private final RecordDispatcher dispatcher;
    private final int maxRecordBytes;
    private final RecordParser parser;

    private LineReader lineReader;
    private JsonArraySplitter splitter;
    private long blank;
    private InputFormat format;

    /** {@code utf16}: the text was UTF-16, so bytes that are not UTF-8 came from UTF-16 that was not valid. */
    InputReader(String name, RecordDispatcher dispatcher, IngestOptions options, boolean utf16) {
        this.name = name;
        this.dispatcher = dispatcher;
        this.maxRecordBytes = options.maxRecordBytes();
        this.parser = new RecordParser(name, dispatcher, utf16);
    }

    InputReader(String name, RecordDispatcher dispatcher, IngestOptions options) {
        this(name, dispatcher, options, false);
    }

    /** Reads to the end. IO errors (bad gzip, vanished file) propagate; {@link #lines()} still counts what was read. */
    void read(InputStream in) throws IOException {
        if (!in.markSupported()) in = new java.io.BufferedInputStream(in, SNIFF);
        byte[] head = new byte[SNIFF];
        in.mark(SNIFF);
        int headLength = in.readNBytes(head, 0, SNIFF);
        in.reset();
        format = InputFormat.sniff(head, headLength);
        switch (format) {
            case JSON_LINES -> readLines(in);
            case CONCATENATED_OBJECTS -> readConcatenated(in);
            case JSON_ARRAY -> readArrays(in);
        }
    }

    /** Physical lines read so far. */
    long lines() {
        if (splitter != null) return splitter.lines();
        return lineReader == null ? 0 : lineReader.lineNumber();
    }

    /** Lines holding only white space (outside any record). */
    long blank() { return blank; }

    /** Lines rejected because their bytes are not UTF-8 (or not UTF-16). */
    long notText() { return parser.notText(); }

    /** Lines rejected that hold NUL bytes. */
    long withNul() { return parser.withNul(); }

    InputFormat format() { return format; }

    private void readLines(InputStream in) throws IOException {
        LineReader lines = lineReader = new LineReader(in, maxRecordBytes);
        while (lines.next()) {
            if (lines.tooLong()) rejectTooLarge(lines.lineNumber(), lines.skippedLength());
            else if (lines.isBlank()) blank++;
            else parseRecord(lines.buffer(), lines.lineStart(), lines.lineLength(), lines.lineNumber());
        }
    }

    /**
     * Pretty-printed objects back to back. Pretty printers put only a record's own opening brace at column 0,
     * so a line starting with {@code {} begins a record: a broken record ends there and cannot swallow the
     * rest of the file.
     */
    private void readConcatenated(InputStream in) throws IOException {
        LineReader lines = lineReader = new LineReader(in, maxRecordBytes);
        RecordBuffer record = new RecordBuffer(maxRecordBytes);
        while (lines.next()) {
            boolean startsRecord = !lines.tooLong() && lines.lineLength() > 0 && lines.buffer()[lines.lineStart()] == '{';
            if (startsRecord) flush(record);
            if (lines.tooLong()) {
                if (record.isEmpty()) rejectTooLarge(lines.lineNumber(), lines.skippedLength());
                else record.overflow();
            } else if (!record.isEmpty() || startsRecord) {
                if (record.isEmpty()) record.start(lines.lineNumber());
                record.append(lines.buffer(), lines.lineStart(), lines.lineLength());
            } else if (lines.isBlank()) {
                blank++;
            } else {
                record.start(lines.lineNumber());
                record.append(lines.buffer(), lines.lineStart(), lines.lineLength());
            }
        }
        flush(record);
    }

    private void flush(RecordBuffer record) {
        if (record.isEmpty()) return;
        if (record.overflowed()) rejectTooLarge(record.firstLine(), record.size());
        else parseRecord(record.bytes(), 0, record.size(), record.firstLine());
        record.clear();
    }

    /**
     * Arrays of records, split element by element ({@link JsonArraySplitter}) so that one huge array never sits
     * in memory, one element over the limit is dropped as it streams by, and one broken element costs itself.
     */
    private void readArrays(InputStream in) throws IOException {
        splitter = new JsonArraySplitter(in, maxRecordBytes, new JsonArraySplitter.Sink() {
            @Override public void element(byte[] bytes, int length, long line) { parseRecord(bytes, 0, length, line); }

            @Override public void tooLarge(long line, long size) { rejectTooLarge(line, size); }

            @Override public void broken(long line, String why) {
                dispatcher.reject(source(line), Reasons.INVALID_JSON, Reasons.abbreviate(why));
            }
        });
        splitter.run();
    }

    private void parseRecord(byte[] bytes, int offset, int length, long firstLine) {
        if (!parser.parse(bytes, offset, length, firstLine)) blank++;
    }

    private void rejectTooLarge(long line, long size) {
        dispatcher.reject(source(line), Reasons.TOO_LARGE, size + " bytes, limit " + maxRecordBytes);
    }

    private SourceRef source(long line) {
        return new SourceRef(name, line);
    }
}
