package dev.tripline.sigma.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled Sigma wildcard pattern: {@code *} any run, {@code ?} one character, {@code \} escaping {@code *},
 * {@code ?} and {@code \}. No regex and no backtracking, so an attacker's command line cannot make it slow:
 * the pattern is split at its {@code *}s into segments; the first must match at the start, the last at the end,
 * and each middle one is found at its leftmost place after the previous (leftmost is always right when the
 * gaps between segments may hold anything). Segments are found with Knuth–Morris–Pratt, or with shift-and when
 * they contain {@code ?}, so matching is linear in the text (times ⌈segment length / 64⌉ for {@code ?} segments).
 */
public final class Wildcard {
    private static final int ANY = -1, ONE = -2;
    private final Segment first, last;
    private final Segment[] middle;
    private final boolean hasStar;

    private Wildcard(Segment first, Segment[] middle, Segment last, boolean hasStar) {
        this.first = first;
        this.middle = middle;
        this.last = last;
        this.hasStar = hasStar;
    }

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
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || p[i] == ANY) {
                segments.add(new Segment(Arrays.copyOfRange(p, start, i)));
                start = i + 1;
            }
        }
        Segment first = segments.get(0);
        if (segments.size() == 1) return new Wildcard(first, new Segment[0], first, false);
        return new Wildcard(first, segments.subList(1, segments.size() - 1).toArray(new Segment[0]),
                segments.get(segments.size() - 1), true);
    }

    public boolean matches(String text) {
        if (text == null) return false;
        int n = text.length();
        if (!hasStar) return first.length() == n && first.matchesAt(text, 0);
        if (first.length() + last.length() > n) return false;
        if (!first.matchesAt(text, 0) || !last.matchesAt(text, n - last.length())) return false;
        int from = first.length(), limit = n - last.length();
        for (Segment s : middle) {
            int at = s.find(text, from, limit);
            if (at < 0) return false;
            from = at + s.length();
        }
        return true;
    }

    /** A run of literal code units and {@code ?}s between two {@code *}s. */
    private static final class Segment {
        private final int[] units;
        private final int[] failure;              // KMP, when there is no '?'
        private final Map<Character, long[]> masks; // shift-and, when there is a '?'
        private final long[][] asciiMasks;         // the same for ASCII, by index: no boxing or hashing per character
        private final long[] oneMask;

        Segment(int[] units) {
            this.units = units;
            boolean hasOne = Arrays.stream(units).anyMatch(u -> u == ONE);
            if (!hasOne) {
                failure = failureTable(units);
                masks = null;
                asciiMasks = null;
                oneMask = null;
            } else {
                failure = null;
                int words = (units.length + 63) / 64;
                oneMask = new long[words];
                for (int i = 0; i < units.length; i++) if (units[i] == ONE) oneMask[i >> 6] |= 1L << (i & 63);
                masks = new HashMap<>();
                for (int i = 0; i < units.length; i++) {
                    if (units[i] == ONE) continue;
                    long[] m = masks.computeIfAbsent((char) units[i], c -> oneMask.clone());
                    m[i >> 6] |= 1L << (i & 63);
                }
                asciiMasks = new long[128][];
                for (int c = 0; c < 128; c++) asciiMasks[c] = masks.getOrDefault((char) c, oneMask);
            }
        }

        int length() { return units.length; }

        boolean matchesAt(String text, int at) {
            for (int i = 0; i < units.length; i++) {
                if (units[i] != ONE && units[i] != text.charAt(at + i)) return false;
            }
            return true;
        }

        /** The leftmost start of this segment in {@code text[from, limit)}, or -1. */
        int find(String text, int from, int limit) {
            int m = units.length;
            if (m == 0) return from;
            if (limit - from < m) return -1;
            return failure != null ? kmp(text, from, limit) : shiftAnd(text, from, limit);
        }

        private int kmp(String text, int from, int limit) {
            int m = units.length, k = 0;
            for (int i = from; i < limit; i++) {
                char c = text.charAt(i);
                while (k > 0 && units[k] != c) k = failure[k - 1];
                if (units[k] == c) k++;
                if (k == m) return i - m + 1;
            }
            return -1;
        }

        private int shiftAnd(String text, int from, int limit) {
            int m = units.length, words = oneMask.length;
            long[] state = new long[words];
            long top = 1L << ((m - 1) & 63);
            for (int i = from; i < limit; i++) {
                char c = text.charAt(i);
                long[] mask = c < 128 ? asciiMasks[c] : masks.getOrDefault(c, oneMask);
                long carry = 1L; // a match may start at every position
                for (int w = 0; w < words; w++) {
                    long next = state[w] >>> 63;
                    state[w] = ((state[w] << 1) | carry) & mask[w];
                    carry = next;
                }
                if ((state[words - 1] & top) != 0) return i - m + 1;
            }
            return -1;
        }

        private static int[] failureTable(int[] p) {
            int[] f = new int[p.length];
            for (int i = 1, k = 0; i < p.length; i++) {
                while (k > 0 && p[i] != p[k]) k = f[k - 1];
                if (p[i] == p[k]) k++;
                f[i] = k;
            }
            return f;
        }
    }
}
