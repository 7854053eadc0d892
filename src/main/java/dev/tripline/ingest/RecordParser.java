package dev.tripline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One record's bytes to one outcome: checked as strict UTF-8 without NUL here (so the parser, which guesses an
 * encoding from the first bytes, can only find UTF-8), parsed as exactly one JSON value, then dispatched. Whatever goes wrong while
 * decoding or parsing rejects this record with its reason; only what the listener throws (--strict) leaves.
 * Batch readers and watch mode share it, so both treat a byte sequence the same way.
 */
final class RecordParser {
    private final String name;
    private final RecordDispatcher dispatcher;
    private final String encodingProblem;
    private final StrictUtf8 utf8 = new StrictUtf8();
    private long notText;
    private long withNul;

    /** {@code utf16}: the bytes were re-encoded from UTF-16, so bytes that are not UTF-8 were not valid UTF-16. */
    RecordParser(String name, RecordDispatcher dispatcher, boolean utf16) {
        this.name = name;
        this.dispatcher = dispatcher;
        this.encodingProblem = utf16 ? Reasons.INVALID_UTF16 : Reasons.INVALID_UTF8;
    }

    /** Parses and dispatches (or rejects) the record; false when the bytes hold only JSON white space. */
    boolean parse(byte[] bytes, int offset, int length, long firstLine) {
        if (!utf8.check(bytes, offset, length)) {
            long line = firstLine + newlines(bytes, offset, offset + utf8.problemOffset());
            if (utf8.problem() == StrictUtf8.Problem.NUL) {
                withNul++;
                dispatcher.reject(source(line), Reasons.INVALID_JSON, utf8.description() + " (UTF-16 or UTF-32 text, or padding?)");
            } else {
                notText++;
                dispatcher.reject(source(line), encodingProblem, utf8.description());
            }
            return true;
        }
        JsonNode node;
        long line;
        // Checked UTF-8 without NUL: the parser's encoding detection can only find UTF-8.
        try (JsonParser p = Json.MAPPER.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == null) return false;
            line = firstLine + p.currentTokenLocation().getLineNr() - 1;
            // A lone surrogate is looked for in the whole record, read fields or not: the rare record that may hold
            // one is read whole.
            node = utf8.surrogateEscape() ? Json.MAPPER.readTree(p) : RecordTree.read(p);
            if (p.nextToken() != null) {
                rejectAt(firstLine, p.currentTokenLocation().getLineNr(), Reasons.INVALID_JSON,
                        "more text after the record at column " + p.currentTokenLocation().getColumnNr()
                                + " (one record per line: a second value or trailing garbage)");
                return true;
            }
        } catch (JsonProcessingException e) {
            rejectAt(firstLine, e.getLocation() == null ? 1 : e.getLocation().getLineNr(), Reasons.INVALID_JSON,
                    String.valueOf(e.getOriginalMessage()));
            return true;
        } catch (IOException | RuntimeException e) {
            // Parsing bytes in memory does no IO; a parser failure on hostile input still costs only this record.
            dispatcher.reject(source(firstLine), Reasons.INVALID_JSON, Reasons.abbreviate("parser failed: " + e));
            return true;
        }
        if (utf8.surrogateEscape()) {
            String lone = loneSurrogate(node);
            if (lone != null) {
                dispatcher.reject(source(line), Reasons.LONE_SURROGATE, lone);
                return true;
            }
        }
        dispatcher.record(node, source(line));
        return true;
    }

    /** Records rejected because their bytes are not UTF-8 (or not UTF-16). */
    long notText() { return notText; }

    /** Records rejected for NUL bytes. */
    long withNul() { return withNul; }

    /**
     * A string (value or field name) holding a surrogate that is not half of a pair: not a character, so it cannot
     * be written as UTF-8 (it came out as {@code ?}). Rejected like invalid UTF-8.
     */
    private static String loneSurrogate(JsonNode node) {
        if (node.isTextual()) return loneIn(node.textValue());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String found = loneIn(e.getKey());
                if (found == null) found = loneSurrogate(e.getValue());
                if (found != null) return found;
            }
        } else if (node.isArray()) {
            for (JsonNode v : node) {
                String found = loneSurrogate(v);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static String loneIn(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("a lone surrogate \\u%04X in a string (not a Unicode character)", (int) c);
            }
        }
        return null;
    }

    private static long newlines(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) if (bytes[i] == '\n') n++;
        return n;
    }

    private void rejectAt(long firstLine, int lineInRecord, String category, String detail) {
        dispatcher.reject(source(firstLine + Math.max(1, lineInRecord) - 1), category, Reasons.abbreviate(detail));
    }

    private SourceRef source(long line) {
        return new SourceRef(name, line);
    }
}
