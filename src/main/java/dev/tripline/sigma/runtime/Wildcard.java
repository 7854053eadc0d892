package dev.tripline.sigma.runtime;

/**
 * A compiled Sigma wildcard pattern: {@code *} any run, {@code ?} one character, {@code \} escaping {@code *},
 * {@code ?} and {@code \}. Matching is the classic two-pointer algorithm with one backtrack point (the last
 * {@code *}): no regex, no exponential case, O(text × pattern) at worst.
 */
public final class Wildcard {
    private static final int ANY = -1, ONE = -2;
    private final int[] pattern; // code units, or ANY / ONE

    private Wildcard(int[] pattern) { this.pattern = pattern; }

    public static Wildcard compile(String glob) {
        int[] p = new int[glob.length()];
        int n = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length() && "*?\\".indexOf(glob.charAt(i + 1)) >= 0) p[n++] = glob.charAt(++i);
            else if (c == '*') { if (n == 0 || p[n - 1] != ANY) p[n++] = ANY; }
            else if (c == '?') p[n++] = ONE;
            else p[n++] = c;
        }
        return new Wildcard(java.util.Arrays.copyOf(p, n));
    }

    public boolean matches(String text) {
        if (text == null) return false;
        int t = 0, p = 0, starP = -1, starT = 0;
        int tn = text.length(), pn = pattern.length;
        while (t < tn) {
            if (p < pn && (pattern[p] == ONE || pattern[p] == text.charAt(t))) { t++; p++; }
            else if (p < pn && pattern[p] == ANY) { starP = p++; starT = t; }
            else if (starP >= 0) { p = starP + 1; t = ++starT; }
            else return false;
        }
        while (p < pn && pattern[p] == ANY) p++;
        return p == pn;
    }
}
