package dev.tripline.output;

/**
 * Makes text from a log safe to print on a terminal. Whoever owns a host writes its logs, so a command line,
 * host or user name can carry escape sequences (clear screen, OSC 0 window title, OSC 8 links, OSC 52 clipboard
 * writes), carriage returns and newlines that forge or hide table rows, and bidi overrides that show text in
 * another order than it is. Each such character is written visibly as an escape instead: {@code \x1b},
 * {@code \r}, {@code \n}, {@code \t}, {@code \x7f}, {@code \u009b}, {@code \u202e}. Everything else, including
 * backslashes and non-ASCII letters, is kept as it is. Every human-readable output (tables, summaries,
 * messages on stderr that quote input) goes through {@link #escape}; JSON output has its own escaping.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {}

    /** {@code text} with every control, bidi-control and invisible formatting character escaped; {@code null} stays null. */
    public static String escape(String text) {
        if (text == null) return null;
        int i = 0, n = text.length();
        while (i < n && !unsafe(text.charAt(i))) i++;
        if (i == n) return text;
        StringBuilder out = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x100) out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    else out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                }
            }
        }
        return out.toString();
    }

    /** {@link #escape} of {@code String.valueOf(o)}, for values of any type. */
    public static String escape(Object o) { return o == null ? null : escape(o.toString()); }

    /**
     * C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; zero-width and other
     * invisible format characters; line and paragraph separators.
     */
    static boolean unsafe(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
        if (c < 0x200b) return c == 0x061c || c == 0x00ad || c == 0x180e;
        return (c >= 0x200b && c <= 0x200f)      // zero-width space/joiners, LRM, RLM
                || (c >= 0x2028 && c <= 0x202e)  // line/paragraph separators, LRE RLE PDF LRO RLO
                || (c >= 0x2060 && c <= 0x206f)  // word joiner, invisible operators, LRI RLI FSI PDI, deprecated format chars
                || c == 0xfeff                   // zero-width no-break space (BOM)
                || (c >= 0xfff9 && c <= 0xfffb); // interlinear annotation controls
    }
}
