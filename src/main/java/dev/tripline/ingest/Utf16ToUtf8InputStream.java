package dev.tripline.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * UTF-16 text (Windows PowerShell 5.1's {@code Out-File} and {@code >}) re-encoded as UTF-8 while streaming, so
 * the one UTF-8 line reader serves both. What is not UTF-16 (a lone surrogate, an odd last byte) becomes a
 * {@code 0xFF} byte, which is never UTF-8: its line is rejected instead of being decoded as U+FFFD.
 */
final class Utf16ToUtf8InputStream extends InputStream {
    static final int NOT_UTF16 = 0xFF;

    private final InputStream in;
    private final boolean bigEndian;
    private final byte[] raw = new byte[1 << 15];
    private int rawStart, rawEnd;
    private boolean eof;
    private final byte[] out = new byte[4];
    private int outStart, outEnd;

    Utf16ToUtf8InputStream(InputStream in, boolean bigEndian) {
        this.in = in;
        this.bigEndian = bigEndian;
    }

    @Override public int read() throws IOException {
        if (outStart == outEnd && !produce()) return -1;
        return out[outStart++] & 0xFF;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = 0;
        while (n < len) {
            if (outStart == outEnd) {
                if (n > 0 && rawEnd - rawStart < 4 && !eof) break; // return what we have rather than block
                if (!produce()) break;
            }
            int k = Math.min(len - n, outEnd - outStart);
            System.arraycopy(out, outStart, b, off + n, k);
            outStart += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }

    /** Encodes the next code point into {@code out}; false at the end of input. */
    private boolean produce() throws IOException {
        outStart = outEnd = 0;
        int unit = unit();
        if (unit == -1) return false;
        if (unit == -2) return put(NOT_UTF16); // an odd byte at the end
        if (Character.isHighSurrogate((char) unit)) {
            ensure(2);
            if (rawEnd - rawStart >= 2) {
                int low = peekUnit();
                if (Character.isLowSurrogate((char) low)) {
                    rawStart += 2;
                    return encode(Character.toCodePoint((char) unit, (char) low));
                }
            }
            return put(NOT_UTF16);
        }
        if (Character.isLowSurrogate((char) unit)) return put(NOT_UTF16);
        return encode(unit);
    }

    private boolean encode(int cp) {
        if (cp < 0x80) {
            out[outEnd++] = (byte) cp;
        } else if (cp < 0x800) {
            out[outEnd++] = (byte) (0xC0 | cp >> 6);
            out[outEnd++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[outEnd++] = (byte) (0xE0 | cp >> 12);
            out[outEnd++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[outEnd++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[outEnd++] = (byte) (0xF0 | cp >> 18);
            out[outEnd++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[outEnd++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[outEnd++] = (byte) (0x80 | cp & 0x3F);
        }
        return true;
    }

    private boolean put(int b) {
        out[outEnd++] = (byte) b;
        return true;
    }

    /** The next code unit, -1 at the end, -2 for a lone last byte. */
    private int unit() throws IOException {
        ensure(2);
        int available = rawEnd - rawStart;
        if (available == 0) return -1;
        if (available == 1) {
            rawStart++;
            return -2;
        }
        int u = peekUnit();
        rawStart += 2;
        return u;
    }

    private int peekUnit() {
        int a = raw[rawStart] & 0xFF, b = raw[rawStart + 1] & 0xFF;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    private void ensure(int n) throws IOException {
        while (rawEnd - rawStart < n && !eof) {
            if (rawStart > 0) {
                System.arraycopy(raw, rawStart, raw, 0, rawEnd - rawStart);
                rawEnd -= rawStart;
                rawStart = 0;
            }
            int r = in.read(raw, rawEnd, raw.length - rawEnd);
            if (r < 0) eof = true;
            else rawEnd += r;
        }
    }

    @Override public void close() throws IOException { in.close(); }
}
