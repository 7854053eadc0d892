package dev.tripline.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one record's bytes as UTF-8 before any JSON parser sees them, so that the parser never guesses an
 * encoding from a record's first bytes (a line starting {@code 00 41 00 00} once made Jackson pick UCS-4 and
 * end the run). Strict: malformed and overlong sequences ({@code C0 AF}), encoded surrogates and truncated
 * sequences are errors, never U+FFFD. One instance per reader; it reuses its buffer.
 */
final class StrictUtf8 {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars = new char[1 << 12];
    private int length;
    private String problem;
    private int problemOffset;

    /** Decodes the bytes; false when they are not UTF-8, with {@link #problem()} saying where and what. */
    boolean decode(byte[] bytes, int offset, int count) {
        if (chars.length < count) chars = new char[Math.max(count, chars.length * 2)];
        // ASCII needs no decoder: the common case costs one pass.
        int i = 0;
        while (i < count && bytes[offset + i] >= 0) {
            chars[i] = (char) bytes[offset + i];
            i++;
        }
        if (i == count) {
            length = count;
            problem = null;
            return true;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset + i, count - i);
        CharBuffer out = CharBuffer.wrap(chars, i, chars.length - i);
        decoder.reset();
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position() - offset;
            problemOffset = at;
            problem = describe(bytes, offset + at, Math.max(1, Math.min(r.length(), offset + count - (offset + at))), at, count);
            return false;
        }
        length = out.position();
        problem = null;
        return true;
    }

    /** Where the first bad byte is, from the start of the decoded range. */
    int problemOffset() { return problemOffset; }

    char[] chars() { return chars; }

    int length() { return length; }

    /** Where the bytes stop being UTF-8: {@code "byte 0xC3 0x28 at offset 17 is not UTF-8"}. */
    String problem() { return problem; }

    private static String describe(byte[] b, int at, int n, int relative, int count) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(n, 4);
        for (int k = 0; k < shown; k++) sb.append(k == 0 ? "" : " ").append(String.format("0x%02X", b[at + k] & 0xFF));
        int lead = b[at] & 0xFF;
        String what = (lead == 0xC0 || lead == 0xC1) ? "an overlong encoding"
                : lead == 0xED ? "an encoded surrogate"
                : relative + n >= count && lead >= 0xC2 && lead <= 0xF4 ? "a sequence cut short"
                : "not UTF-8";
        return (n == 1 ? "byte " : "bytes ") + sb + " at offset " + relative + ": " + what;
    }
}
