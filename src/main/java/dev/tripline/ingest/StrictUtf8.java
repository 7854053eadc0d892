package dev.tripline.ingest;

/**
 * Checks one record's bytes before any JSON parser sees them: strict UTF-8 (RFC 3629: no overlong forms such as
 * {@code C0 AF}, no encoded surrogates, nothing above U+10FFFF, no sequence cut short) and no NUL byte. A record
 * that passes is UTF-8 from its first byte, so the parser has nothing to guess: encoding detection only ever
 * differs from UTF-8 on NUL bytes (UCS-4, UTF-16) or on {@code FE}/{@code FF} byte-order marks, which never pass.
 * (A line starting {@code 00 41 00 00} once made Jackson pick UCS-4 and end the run.) One pass, no copy.
 */
final class StrictUtf8 {
    enum Problem { NONE, NUL, NOT_UTF8 }

    private Problem problem = Problem.NONE;
    private int problemOffset;
    private String description;
    private boolean surrogateEscape;

    /** Whether the bytes are UTF-8 text without NUL; otherwise {@link #problem()} and {@link #description()} say why. */
    boolean check(byte[] b, int offset, int count) {
        int i = offset, end = offset + count;
        surrogateEscape = false;
        while (i < end) {
            if (i + 8 <= end) {
                long w = Bytes.word(b, i);
                if (Bytes.ascii(w) && !Bytes.hasZero(w)) {
                    // Windows paths put many backslashes in JSON text; only one followed by 'u' can start a
                    // surrogate escape. A backslash in the last byte has its 'u' in the next word: checked alone.
                    long escapes = Bytes.where(w, (byte) '\\') & ((Bytes.where(w, (byte) 'u') >>> 8) | (1L << 63));
                    for (; escapes != 0; escapes &= escapes - 1) {
                        int k = i + (Long.numberOfTrailingZeros(escapes) >>> 3);
                        if (isSurrogateEscape(b, k, end)) surrogateEscape = true;
                    }
                    i += 8;
                    continue;
                }
            }
            int c = b[i];
            if (c > 0) { // ASCII
                if (c == '\\' && isSurrogateEscape(b, i, end)) surrogateEscape = true;
                i++;
                continue;
            }
            if (c == 0) return fail(Problem.NUL, b, offset, i, 1, "a NUL byte");
            int lead = c & 0xFF;
            int need, min2 = 0x80, max2 = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) need = 1;
            else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                if (lead == 0xE0) min2 = 0xA0;       // overlong otherwise
                else if (lead == 0xED) max2 = 0x9F;  // UTF-16 surrogates otherwise
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                if (lead == 0xF0) min2 = 0x90;       // overlong otherwise
                else if (lead == 0xF4) max2 = 0x8F;  // above U+10FFFF otherwise
            } else {
                String what = lead == 0xC0 || lead == 0xC1 ? "an overlong encoding" : lead >= 0x80 && lead <= 0xBF ? "a continuation byte without a lead byte" : "not UTF-8";
                return fail(Problem.NOT_UTF8, b, offset, i, Math.min(2, end - i), what);
            }
            if (i + need >= end) {
                return fail(Problem.NOT_UTF8, b, offset, i, end - i, "a sequence cut short");
            }
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                String what = (second & 0xC0) != 0x80 ? "a sequence cut short"
                        : lead == 0xED ? "an encoded surrogate" : lead == 0xF4 ? "beyond U+10FFFF" : "an overlong encoding";
                return fail(Problem.NOT_UTF8, b, offset, i, 2, what);
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) return fail(Problem.NOT_UTF8, b, offset, i, k + 1, "a sequence cut short");
            }
            i += need + 1;
        }
        problem = Problem.NONE;
        description = null;
        return true;
    }

    Problem problem() { return problem; }

    /**
     * Whether the bytes hold a {@code \\uD800}–{@code \\uDFFF} escape: the only way a lone surrogate gets into
     * checked UTF-8 JSON (a pair is fine; the parsed record is then checked for lone ones).
     */
    boolean surrogateEscape() { return surrogateEscape; }

    private static boolean isSurrogateEscape(byte[] c, int i, int end) {
        if (i + 3 >= end || c[i + 1] != 'u' || (c[i + 2] != 'd' && c[i + 2] != 'D')) return false;
        byte d = c[i + 3];
        return (d >= '8' && d <= '9') || (d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F');
    }

    /** Where the first bad byte is, from the start of the checked range. */
    int problemOffset() { return problemOffset; }

    /** {@code "bytes 0xC0 0xAF at offset 17: an overlong encoding"}. */
    String description() { return description; }

    private boolean fail(Problem p, byte[] b, int offset, int at, int n, String what) {
        problem = p;
        problemOffset = at - offset;
        StringBuilder sb = new StringBuilder();
        int shown = Math.max(1, Math.min(n, 4));
        for (int k = 0; k < shown; k++) sb.append(k == 0 ? "" : " ").append(String.format("0x%02X", b[at + k] & 0xFF));
        description = (shown == 1 ? "byte " : "bytes ") + sb + " at offset " + problemOffset + ": " + what;
        return false;
    }
}
