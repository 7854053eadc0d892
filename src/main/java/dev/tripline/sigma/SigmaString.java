package dev.tripline.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value: literal text with unescaped wildcards. {@code *} is any run, {@code ?} one character;
 * {@code \} escapes {@code *}, {@code ?} and {@code \}, and before any other character is a literal backslash.
 * Stored as characters plus a parallel marker per position (so a literal {@code *} and a wildcard differ).
 */
public final class SigmaString {
    enum Kind { LITERAL, ANY, ONE }

    private final StringBuilder chars;
    private final List<Kind> kinds;

    private SigmaString(StringBuilder chars, List<Kind> kinds) {
        this.chars = chars;
        this.kinds = kinds;
    }

    /** Parses a value as written in a rule (wildcards and escapes interpreted). */
    public static SigmaString parse(String raw) {
        SigmaString s = new SigmaString(new StringBuilder(), new ArrayList<>());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
                s.add(raw.charAt(++i), Kind.LITERAL);
            } else if (c == '*') {
                s.add('*', Kind.ANY);
            } else if (c == '?') {
                s.add('?', Kind.ONE);
            } else {
                s.add(c, Kind.LITERAL);
            }
        }
        return s;
    }

    /** Plain text, every character literal (for regular expressions, encodings' output, placeholders). */
    public static SigmaString literal(String text) {
        SigmaString s = new SigmaString(new StringBuilder(), new ArrayList<>());
        for (int i = 0; i < text.length(); i++) s.add(text.charAt(i), Kind.LITERAL);
        return s;
    }

    private void add(char c, Kind k) {
        chars.append(c);
        kinds.add(k);
    }

    public int length() { return chars.length(); }

    char charAt(int i) { return chars.charAt(i); }

    Kind kindAt(int i) { return kinds.get(i); }

    public boolean hasWildcards() { return kinds.stream().anyMatch(k -> k != Kind.LITERAL); }

    /** Whether the value is only {@code *} wildcards (matches any present value, even ""). */
    public boolean onlyAny() {
        return !kinds.isEmpty() && kinds.stream().allMatch(k -> k == Kind.ANY);
    }

    /** The literal text; only meaningful when {@link #hasWildcards()} is false. */
    public String text() { return chars.toString(); }

    /** A copy with the wildcard {@code *} added in front and/or at the end. */
    SigmaString wrap(boolean before, boolean after) {
        SigmaString s = new SigmaString(new StringBuilder(), new ArrayList<>());
        if (before) s.add('*', Kind.ANY);
        for (int i = 0; i < length(); i++) s.add(charAt(i), kindAt(i));
        if (after) s.add('*', Kind.ANY);
        return s;
    }

    /** The value with literal characters passed through {@code f} (case folding), wildcards kept. */
    SigmaString mapLiterals(java.util.function.UnaryOperator<String> f) {
        SigmaString s = new SigmaString(new StringBuilder(), new ArrayList<>());
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= length(); i++) {
            if (i < length() && kindAt(i) == Kind.LITERAL) { run.append(charAt(i)); continue; }
            if (run.length() > 0) {
                String mapped = f.apply(run.toString());
                for (int j = 0; j < mapped.length(); j++) s.add(mapped.charAt(j), Kind.LITERAL);
                run.setLength(0);
            }
            if (i < length()) s.add(charAt(i), kindAt(i));
        }
        return s;
    }

    /** The longest run of literal characters between wildcards ("" when there is none). */
    String longestLiteralRun() {
        String best = "";
        int start = 0;
        for (int i = 0; i <= length(); i++) {
            if (i < length() && kindAt(i) == Kind.LITERAL) continue;
            if (i - start > best.length()) best = chars.substring(start, i);
            start = i + 1;
        }
        return best;
    }

    /** A copy with the character at {@code i} (a literal) replaced by {@code c}. */
    SigmaString withChar(int i, char c) {
        StringBuilder b = new StringBuilder(chars);
        b.setCharAt(i, c);
        return new SigmaString(b, new ArrayList<>(kinds));
    }

    /**
     * The pattern in the runtime's wildcard syntax (the same as Sigma's, canonically escaped): literal
     * {@code *}, {@code ?} and {@code \} are escaped with {@code \}.
     */
    public String toPattern() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length(); i++) {
            char c = charAt(i);
            switch (kindAt(i)) {
                case ANY -> b.append('*');
                case ONE -> b.append('?');
                default -> {
                    if (c == '*' || c == '?' || c == '\\') b.append('\\');
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    @Override public String toString() { return toPattern(); }
}
