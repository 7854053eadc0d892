package dev.tripline.ingest;

import java.util.Arrays;

/**
 * The lines of one multi-line record, up to a limit. Past the limit the bytes are dropped and only counted:
 * the record will be rejected anyway, and holding it could exhaust memory.
 */
final class RecordBuffer {
    private final int limit;
    private byte[] bytes = new byte[1 << 12];
    private int size;
    private long overflowSize = -1;
    private long firstLine;
    private boolean started;

    RecordBuffer(int limit) {
        this.limit = limit;
    }

    void start(long line) {
        firstLine = line;
        started = true;
    }

    boolean isEmpty() { return !started; }

    long firstLine() { return firstLine; }

    boolean overflowed() { return overflowSize >= 0; }

    byte[] bytes() { return bytes; }

    /** Bytes held, or for an overflowed record the bytes seen. */
    int size() { return overflowed() ? (int) Math.min(Integer.MAX_VALUE, overflowSize) : size; }

    /** Appends a line and the line break the reader removed. */
    void append(byte[] src, int offset, int length) {
        if (overflowed()) {
            overflowSize += length + 1;
            return;
        }
        if ((long) size + length + 1 > limit) {
            overflowSize = (long) size + length + 1;
            size = 0;
            return;
        }
        if (size + length + 1 > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, size + length + 1)));
        }
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
        bytes[size++] = '\n';
    }

    /** A line too long even to count precisely was part of this record. */
    void overflow() {
        overflowSize = Math.max(overflowSize, (long) limit + 1);
    }

    void clear() {
        size = 0;
        overflowSize = -1;
        started = false;
        if (bytes.length > 1 << 20) bytes = new byte[1 << 12]; // give a one-off huge record's memory back
    }
}
