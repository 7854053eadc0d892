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
 * One record's bytes to one outcome: decoded as strict UTF-8 here (never by the parser, which would guess an
 * encoding from the first bytes), parsed as exactly one JSON value, then dispatched. Whatever goes wrong while
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
        if (!utf8.decode(bytes, offset, length)) {
            notText++;
            dispatcher.reject(source(firstLine + newlines(bytes, offset, offset + utf8.problemOffset())), encodingProblem, utf8.problem());
            return true;
        }
        char[] chars = utf8.chars();
        int n = utf8.length();
        JsonNode node;
        long line;
        try (JsonParser p = Json.MAPPER.createParser(chars, 0, n)) {
            JsonToken first = p.nextToken();
            if (first == null) return false;
            line = firstLine + p.currentTokenLocation().getLineNr() - 1;
            node = Json.MAPPER.readTree(p);
            if (p.nextToken() != null) {
                rejectAt(firstLine, p.currentTokenLocation().getLineNr(), Reasons.INVALID_JSON,
                        "more text after the record at column " + p.currentTokenLocation().getColumnNr()
                                + " (one record per line: a second value or trailing garbage)");
                return true;
            }
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.contains("code 0)")) withNul++;
            rejectAt(firstLine, e.getLocation() == null ? 1 : e.getLocation().getLineNr(), Reasons.INVALID_JSON, message);
            return true;
        } catch (IOException | RuntimeException e) {
            // Parsing chars does no IO; a parser failure on hostile input still costs only this record.
            dispatcher.reject(source(firstLine), Reasons.INVALID_JSON, Reasons.abbreviate("parser failed: " + e));
            return true;
        }
        if (mayHoldSurrogateEscape(chars, n)) {
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

    /** A {@code \\uD800}–{@code \\uDFFF} escape: the only way a lone surrogate gets into decoded UTF-8 JSON. */
    private static boolean mayHoldSurrogateEscape(char[] c, int n) {
        for (int i = 0; i + 3 < n; i++) {
            if (c[i] == '\\' && c[i + 1] == 'u' && (c[i + 2] == 'd' || c[i + 2] == 'D')) {
                char d = c[i + 3];
                if ((d >= '8' && d <= '9') || (d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F')) return true;
            }
        }
        return false;
    }

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
