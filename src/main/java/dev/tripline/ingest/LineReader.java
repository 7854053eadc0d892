package dev.tripline.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines on {@code \n}, {@code \r\n} or {@code \r} without decoding it: each line is
 * decoded on its own, so invalid UTF-8 stays confined to its line. A line longer than the limit is skipped to its end
 * without being buffered ({@link #tooLong()}), so memory stays bounded whatever the input.
 */
final class LineReader {
    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final int maxLine;
    private byte[] buf = new byte[CHUNK];
    private int start; // first byte of the current (not yet returned) line
    private int end;   // end of valid data in buf
    private boolean eof;
    private boolean firstLine = true;
    private boolean swallowLf; // the last line ended in a CR at the end of a read: an LF next is part of it

    private long lineNumber;
    private int lineStart;
    private int lineLength;
    private long skippedLength = -1;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /**
     * Advances to the next line; false at end of input. Lines end at {@code \n}, {@code \r\n} or a lone
     * {@code \r} (classic Mac line ends): JSON text never holds a raw CR or LF inside a string.
     */
    boolean next() throws IOException {
        skippedLength = -1;
        if (swallowLf) {
            swallowLf = false;
            if (start == end && !eof) fill();
            if (start < end && buf[start] == '\n') start++;
        }
        int scanFrom = start;
        while (true) {
            int br = indexOfBreak(scanFrom, end);
            if (br >= 0 && buf[br] == '\r' && br + 1 == end && !eof && br - start <= maxLine) {
                // A CR at the end of the data: whether an LF follows decides where the next line starts.
                int scanned = br - start;
                fill();
                scanFrom = start + scanned;
                continue;
            }
            if (br >= 0) {
                if (br - start > maxLine) markSkipped(br - start);
                else deliver(start, br - start);
                if (buf[br] == '\r' && br + 1 == end) swallowLf = true;
                start = br + (buf[br] == '\r' && br + 1 < end && buf[br + 1] == '\n' ? 2 : 1);
                return true;
            }
            if (end - start > maxLine) {
                skipRestOfLine();
                return true;
            }
            if (eof) {
                if (start == end) return false;
                deliver(start, end - start); // not over the limit: the check above saw all of it
                start = end;
                return true;
            }
            int scanned = end - start; // fill() may move the line to the front of the buffer
            fill();
            scanFrom = start + scanned;
        }
    }

    long lineNumber() { return lineNumber; }

    byte[] buffer() { return buf; }

    int lineStart() { return lineStart; }

    /** Length without the line break. */
    int lineLength() { return lineLength; }

    /** Whether the current line exceeded the limit; its bytes were discarded and only counted. */
    boolean tooLong() { return skippedLength >= 0; }

    long skippedLength() { return skippedLength; }

    boolean isBlank() {
        for (int i = lineStart, e = lineStart + lineLength; i < e; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    private void deliver(int from, int length) {
        lineNumber++;
        if (firstLine) {
            firstLine = false;
            // A UTF-8 byte-order mark is not part of the first record.
            if (length >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB && buf[from + 2] == (byte) 0xBF) {
                from += 3;
                length -= 3;
            }
        }
        lineStart = from;
        lineLength = length;
    }

    private void skipRestOfLine() throws IOException {
        long skipped = end - start;
        start = end = 0;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) { eof = true; break; }
            int br = indexOfBreak(0, n);
            if (br >= 0) {
                skipped += br;
                start = br + 1;
                end = n;
                if (buf[br] == '\r') {
                    if (start < end && buf[start] == '\n') start++;
                    else if (start == end) swallowLf = true;
                }
                break;
            }
            skipped += n;
        }
        markSkipped(skipped);
    }

    private void markSkipped(long length) {
        firstLine = false;
        lineNumber++;
        lineStart = lineLength = 0;
        skippedLength = length;
    }

    /** Makes room after the current partial line (moving it to the front or growing the buffer) and reads. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, (long) maxLine + CHUNK)];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) eof = true;
        else end += n;
    }

    private int indexOfBreak(int from, int to) {
        byte[] b = buf;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = Bytes.word(b, i);
            if (Bytes.has(w, (byte) '\n') || Bytes.has(w, (byte) '\r')) break;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') return i;
        }
        return -1;
    }
}
