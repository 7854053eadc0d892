package dev.tripline.sigma;

/**
 * The only way Sigma text reaches generated DRL. {@link #literal} makes a DRL/Java string literal whose value is
 * exactly the input: quotes, backslashes and line breaks are escaped, and every character outside printable
 * ASCII — including {@code $}, {@code #} and the line separators U+2028/U+2029 — is written as a
 * {@code \\uXXXX} escape, so no value can close the literal, start a comment or an interpolation, or change
 * the rule's structure. {@link #comment} and {@link #identifier} keep comment text on one line and harmless.
 */
final class DrlText {
    private DrlText() {}

    static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e || c == '$' || c == '#') b.append(String.format("\\u%04X", (int) c)); // MVEL: upper-case hex only
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Text for a {@code //} comment: one line, no control characters, no comment delimiters (so a stray
     * {@code *}{@code /} cannot end an enclosing block comment either).
     */
    static String comment(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
        }
        return b.toString().replace("*/", "* /").replace("/*", "/ *").strip();
    }

    /** A detection identifier as a label inside a block comment: word characters only. */
    static String identifier(String s) { return s.replaceAll("[^A-Za-z0-9_\\-]", "_"); }
}
