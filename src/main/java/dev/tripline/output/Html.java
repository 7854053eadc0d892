package dev.tripline.output;

/**
 * HTML escaping for text from the logs, safe in element content and in quoted attribute values alike (also
 * inside inline SVG). Control characters, which HTML would drop or mangle, are shown as {@code \xNN}, so a
 * hostile command line reads as what it is.
 */
public final class Html {
    private Html() {}

    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n', '\t' -> b.append(c);
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
