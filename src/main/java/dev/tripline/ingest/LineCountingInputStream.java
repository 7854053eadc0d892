package dev.tripline.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the physical lines of what passes through, for inputs that a streaming parser reads itself. */
final class LineCountingInputStream extends FilterInputStream {
    private long newlines;
    private long bytes;
    private int last = -1;

    LineCountingInputStream(InputStream in) {
        super(in);
    }

    @Override public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count(b);
        return b;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        for (int i = off; i < off + n; i++) if (b[i] == '\n') newlines++;
        if (n > 0) {
            bytes += n;
            last = b[off + n - 1];
        }
        return n;
    }

    @Override public long skip(long n) throws IOException {
        // Skipped bytes would go uncounted: read them instead.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int r = read(scratch, 0, scratch.length);
        return Math.max(r, 0);
    }

    private void count(int b) {
        bytes++;
        if (b == '\n') newlines++;
        last = b;
    }

    /** Lines seen: a last line without a line break counts too; an empty input has none. */
    long lines() {
        return bytes == 0 ? 0 : newlines + (last == '\n' ? 0 : 1);
    }
}
