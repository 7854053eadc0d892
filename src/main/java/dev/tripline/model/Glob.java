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

    public boolean matches(String value) { return value != null && regex.matcher(value).matches(); }

    public String text() { return text; }

    @Override public String toString() { return text; }
}
