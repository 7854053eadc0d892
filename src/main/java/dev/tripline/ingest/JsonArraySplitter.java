package dev.tripline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits JSON arrays of records (and values back to back at the top level) into one byte range per element,
 * streaming, without parsing: a byte-level scanner that knows only strings, escapes and brackets. So each
 * element is parsed on its own, and what is wrong with one element (a byte that is not UTF-8, a bad value) costs
 * only that element; an element longer than the record limit is counted and dropped while it streams by, never
 * held. When an element's structure breaks (a string running past its line, a bracket closing the wrong
 * opener) the scanner resynchronizes at the next line that starts a record at the broken record's indentation
 * (pretty printers put each element's opening brace on its own line), and the lines skipped are stated.
 */
final class JsonArraySplitter {
    interface Sink {
        /** One element's bytes; {@code line} is the input line of its first byte. */
        void element(byte[] bytes, int length, long line);

        /** An element over the limit: {@code size} bytes from {@code line}, dropped. */
        void tooLarge(long line, long size);

        /** A broken element at {@code line}, and what had to be skipped after it ({@code why} says both). */
        void broken(long line, String why);
    }

    private static final int MAX_NESTING = 10_000;

    private final InputStream in;
    private final int limit;
    private final Sink sink;
    private final byte[] chunk = new byte[1 << 16];

    private long line = 1;
    private long breaks;
    private boolean anyByte, lastWasBreak, prevCr;
    private boolean atLineStart = true;
    private int indent;

    private boolean inArray;
    private boolean inElement, inString, escape, scalar;
    private byte[] stack = new byte[64];
    private int sp;
    private long elementLine;
    private int elementIndent;
    private byte[] element = new byte[1 << 12];
    private int size;
    private long overflow = -1;

    private boolean resync;
    private int resyncIndent;
    private long brokenLine, brokenAt;
    private String brokenWhy;

    JsonArraySplitter(InputStream in, int limit, Sink sink) {
        this.in = in;
        this.limit = limit;
        this.sink = sink;
    }

    /** Physical lines seen so far (a last line without a break counts). */
    long lines() { return breaks + (anyByte && !lastWasBreak ? 1 : 0); }

    void run() throws IOException {
        int n;
        while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
            for (int i = 0; i < n; ) {
                if (inElement && inString && !escape && !resync) {
                    // The inside of a string in bulk: only a quote, a backslash or a line break matters there.
                    int j = i;
                    while (j < n) {
                        byte c = chunk[j];
                        if (c == '"' || c == '\\' || c == '\n' || c == '\r') break;
                        j++;
                    }
                    if (j > i) {
                        appendRun(chunk, i, j - i);
                        anyByte = true;
                        prevCr = false;
                        lastWasBreak = false;
                        i = j;
                        continue;
                    }
                }
                accept(chunk[i++]);
            }
        }
        end();
    }

    private void accept(byte c) {
        anyByte = true;
        if (c == '\n' || c == '\r') {
            boolean sameBreak = c == '\n' && prevCr;
            prevCr = c == '\r';
            lastWasBreak = true;
            if (sameBreak) return;
            lineBreak();
            breaks++;
            line++;
            atLineStart = true;
            indent = 0;
            return;
        }
        prevCr = false;
        lastWasBreak = false;
        if (atLineStart) {
            if (c == ' ' || c == '\t') {
                indent++;
                if (inElement) append(c);
                return;
            }
            atLineStart = false;
            if (resync) {
                if (c != '{' || (resyncIndent >= 0 && indent != resyncIndent)) return;
                endResync(line - 1);
                inArray = true;
                start(c, true);
                return;
            }
            if (!inElement) {
                between(c, true);
                return;
            }
        }
        if (resync) return;
        if (!inElement) between(c, false);
        else inside(c);
    }

    private void lineBreak() {
        if (resync) return;
        if (!inElement) return;
        if (inString) {
            breakElement("a string runs past the end of line " + line);
        } else if (scalar) {
            finish();
        } else {
            append((byte) '\n');
        }
    }

    private void between(byte c, boolean firstOnLine) {
        if (c == ' ' || c == '\t') return;
        if (!inArray && c == '[' ) { inArray = true; return; }
        if (inArray && c == ',') return;
        if (inArray && c == ']') { inArray = false; return; }
        start(c, firstOnLine);
    }

    private void start(byte c, boolean firstOnLine) {
        inElement = true;
        elementLine = line;
        elementIndent = firstOnLine ? indent : -1;
        size = 0;
        overflow = -1;
        sp = 0;
        inString = escape = false;
        scalar = false;
        if (c == '{') push((byte) '}');
        else if (c == '[') push((byte) ']');
        else if (c == '"') { scalar = true; inString = true; }
        else scalar = true;
        append(c);
    }

    private void inside(byte c) {
        if (inString) {
            append(c);
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') {
                inString = false;
                if (scalar) finish();
            }
            return;
        }
        if (scalar) {
            if (c == ',' || c == ']' || c == '[' || c == '{' || c == ' ' || c == '\t') {
                finish();
                between(c, false);
            } else {
                append(c);
            }
            return;
        }
        switch (c) {
            case '"' -> { inString = true; append(c); }
            case '{' -> { if (push((byte) '}')) append(c); }
            case '[' -> { if (push((byte) ']')) append(c); }
            case '}', ']' -> {
                if (stack[sp - 1] != c) {
                    breakElement("'" + (char) c + "' on line " + line + " closes a '" + (stack[sp - 1] == '}' ? '{' : '[') + "'");
                    return;
                }
                sp--;
                append(c);
                if (sp == 0) finish();
            }
            default -> append(c);
        }
    }

    private boolean push(byte closer) {
        if (sp == MAX_NESTING) {
            breakElement("nested more than " + MAX_NESTING + " levels deep");
            return false;
        }
        if (sp == stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
        stack[sp++] = closer;
        return true;
    }

    private void append(byte c) {
        if (overflow >= 0) {
            overflow++;
            return;
        }
        if (size == limit) {
            overflow = size + 1L;
            return;
        }
        if (size == element.length) element = Arrays.copyOf(element, (int) Math.min(limit, (long) element.length * 2));
        element[size++] = c;
    }

    private void appendRun(byte[] src, int from, int len) {
        if (overflow >= 0) {
            overflow += len;
        } else if ((long) size + len > limit) {
            overflow = (long) size + len;
        } else {
            if (size + len > element.length) element = Arrays.copyOf(element, (int) Math.min(limit, Math.max((long) element.length * 2, size + len)));
            System.arraycopy(src, from, element, size, len);
            size += len;
        }
    }

    private void finish() {
        inElement = false;
        if (overflow >= 0) sink.tooLarge(elementLine, overflow);
        else sink.element(element, size, elementLine);
        if (element.length > 1 << 20) element = new byte[1 << 12]; // give a one-off huge element's memory back
    }

    private void breakElement(String why) {
        inElement = false;
        inString = false;
        resync = true;
        resyncIndent = elementIndent;
        brokenLine = elementLine;
        brokenAt = line;
        brokenWhy = why;
        if (element.length > 1 << 20) element = new byte[1 << 12];
    }

    private void endResync(long lastSkipped) {
        resync = false;
        String skipped = lastSkipped <= brokenAt ? "" : lastSkipped == brokenAt + 1 ? "; line " + lastSkipped + " skipped"
                : "; lines " + (brokenAt + 1) + "–" + lastSkipped + " skipped";
        sink.broken(brokenLine, brokenWhy + skipped + (lastSkipped < line ? ", reading resumed at line " + line : ""));
    }

    private void end() {
        if (resync) {
            long last = lines();
            resync = false;
            String skipped = last <= brokenAt ? "" : "; lines " + (brokenAt + 1) + "–" + last + " skipped: no record starts in them";
            sink.broken(brokenLine, brokenWhy + skipped);
        } else if (inElement) {
            finish(); // a truncated element: its parse says what is missing
        }
    }
}
