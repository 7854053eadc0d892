package dev.tripline.model;

import java.util.regex.Pattern;

/** A case-insensitive wildcard pattern ({@code *} any run, {@code ?} one character), as lists in data files use. */
public final class Glob implements java.io.Serializable {
    private final String text;
    private final Pattern regex;

    public Glob(String text) {
        this.text = text;
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        this.regex = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** 1 when the pattern is ASCII, 2 when not, 0 not yet known (after deserialization). */
    private transient byte ascii;

    public boolean matches(String value) {
        if (value == null) return false;
        if (ascii == 0) ascii = Text.isAscii(text) ? (byte) 1 : 2;
        // ASCII against ASCII: case-insensitive means ASCII case, so a plain wildcard match answers without a
        // Matcher (a context rule tests every detection's account against every pattern). Anything else (the
        // Kelvin sign matches 'k' under Unicode case) goes to the regex.
        if (ascii == 1 && Text.isAscii(value)) return matchesAscii(text, value);
        return regex.matcher(value).matches();
    }

    /** Wildcard match, ASCII case-insensitive: a star retries from one character further on a mismatch. */
    static boolean matchesAscii(String pattern, String value) {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.length()) {
            boolean inPattern = p < pattern.length();
            char pc = inPattern ? pattern.charAt(p) : 0;
            if (inPattern && pc == '*') {
                star = p++;
                resume = v;
            } else if (inPattern && (pc == '?' || sameAscii(pc, value.charAt(v)))) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    private static boolean sameAscii(char a, char b) {
        return a == b || ((a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z');
    }

    public String text() { return text; }

    @Override public String toString() { return text; }
}
