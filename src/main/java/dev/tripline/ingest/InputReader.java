package dev.tripline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads one input stream — plain or gzip (by magic bytes), in any {@link InputFormat} — and hands each
 * record to the dispatcher with its file and 1-based start line. Bad input costs only itself: a broken line
 * or object is rejected and reading goes on with the next one. Memory is bounded by
 * {@link IngestOptions#maxRecordBytes()}, not by the input.
 */
final class InputReader {
    private static final int BUFFER = 1 << 16;
    private static final int SNIFF = 1 << 16;

    private final String name;
    private final RecordDispatcher dispatcher;
    private final int maxRecordBytes;

    InputReader(String name, RecordDispatcher dispatcher, IngestOptions options) {
        this.name = name;
        this.dispatcher = dispatcher;
        this.maxRecordBytes = options.maxRecordBytes();
    }

    /** Reads to the end; returns the number of physical lines. IO errors (bad gzip, vanished file) propagate. */
    long read(InputStream raw) throws IOException {
        InputStream in = decompressed(new BufferedInputStream(raw, BUFFER));
        byte[] head = new byte[SNIFF];
        in.mark(SNIFF);
        int headLength = in.readNBytes(head, 0, SNIFF);
        in.reset();
        return switch (InputFormat.sniff(head, headLength)) {
            case JSON_LINES -> readLines(in);
            case CONCATENATED_OBJECTS -> readConcatenated(in);
            case JSON_ARRAY -> readArrays(in);
        };
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read(), b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        return in;
    }

    private long readLines(InputStream in) throws IOException {
        LineReader lines = new LineReader(in, maxRecordBytes);
        while (lines.next()) {
            if (lines.tooLong()) rejectTooLarge(lines.lineNumber(), lines.skippedLength());
            else if (!lines.isBlank()) parseValues(lines.buffer(), lines.lineStart(), lines.lineLength(), lines.lineNumber());
        }
        return lines.lineNumber();
    }

    /**
     * Pretty-printed objects back to back. Pretty printers put only a record's own opening brace at column 0,
     * so a line starting with {@code {} begins a record: a broken record ends there and cannot swallow the
     * rest of the file.
     */
    private long readConcatenated(InputStream in) throws IOException {
        LineReader lines = new LineReader(in, maxRecordBytes);
        RecordBuffer record = new RecordBuffer(maxRecordBytes);
        while (lines.next()) {
            boolean startsRecord = !lines.tooLong() && lines.lineLength() > 0 && lines.buffer()[lines.lineStart()] == '{';
            if (startsRecord) flush(record);
            if (lines.tooLong()) {
                if (record.isEmpty()) rejectTooLarge(lines.lineNumber(), lines.skippedLength());
                else record.overflow();
            } else if (!record.isEmpty() || startsRecord || !lines.isBlank()) {
                if (record.isEmpty()) record.start(lines.lineNumber());
                record.append(lines.buffer(), lines.lineStart(), lines.lineLength());
            }
        }
        flush(record);
        return lines.lineNumber();
    }

    private void flush(RecordBuffer record) {
        if (record.isEmpty()) return;
        if (record.overflowed()) rejectTooLarge(record.firstLine(), record.size());
        else parseValues(record.bytes(), 0, record.size(), record.firstLine());
        record.clear();
    }

    /**
     * Arrays of records, streamed element by element so one huge array never sits in memory. Arrays and
     * objects may follow each other. After a syntax error the array's structure is lost, so the rest of the
     * input is counted, not read.
     */
    private long readArrays(InputStream in) throws IOException {
        LineCountingInputStream counting = new LineCountingInputStream(in);
        try (JsonParser p = Json.MAPPER.createParser(counting)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_ARRAY) {
                    element(p);
                    continue;
                }
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) break; // the parser reports a truncated array itself
                    element(p);
                }
            }
        } catch (JsonProcessingException e) {
            rejectSyntax(e, 1);
        }
        counting.transferTo(java.io.OutputStream.nullOutputStream());
        return counting.lines();
    }

    private void element(JsonParser p) throws IOException {
        long line = p.currentTokenLocation().getLineNr();
        long startOffset = p.currentTokenLocation().getByteOffset();
        JsonNode node = Json.MAPPER.readTree(p);
        long size = p.currentLocation().getByteOffset() - startOffset;
        if (size > maxRecordBytes) rejectTooLarge(line, size);
        else dispatcher.record(node, source(line));
    }

    /** Every JSON value in the bytes, in order; {@code firstLine} is the input line of the first byte. */
    private void parseValues(byte[] bytes, int offset, int length, long firstLine) {
        try (JsonParser p = Json.MAPPER.createParser(bytes, offset, length)) {
            while (p.nextToken() != null) {
                long line = firstLine + p.currentTokenLocation().getLineNr() - 1;
                dispatcher.record(Json.MAPPER.readTree(p), source(line));
            }
        } catch (JsonProcessingException e) {
            rejectSyntax(e, firstLine);
        } catch (IOException e) {
            // Parsing a byte array does no IO; kept apart so a real bug is not reported as bad JSON.
            throw new IllegalStateException(e);
        }
    }

    private void rejectSyntax(JsonProcessingException e, long firstLine) {
        long line = e.getLocation() == null ? firstLine : firstLine + Math.max(1, e.getLocation().getLineNr()) - 1;
        String message = e.getOriginalMessage();
        String category = message != null && message.contains("Invalid UTF-8") ? Reasons.INVALID_UTF8 : Reasons.INVALID_JSON;
        dispatcher.reject(source(line), category, Reasons.abbreviate(String.valueOf(message)));
    }

    private void rejectTooLarge(long line, long size) {
        dispatcher.reject(source(line), Reasons.TOO_LARGE, size + " bytes, limit " + maxRecordBytes);
    }

    private SourceRef source(long line) {
        return new SourceRef(name, line);
    }
}
