package dev.tripline.sigma.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Aho–Corasick over UTF-16 code units: every occurrence of every literal in one left-to-right pass, in time
 * linear in the text plus the matches, however many literals there are. Built once (at the first event of a
 * KieBase) and then read-only, so one automaton serves every session and thread.
 *
 * <p>Layout: the root's transitions are a dense table over all 65,536 code units; every other state keeps its
 * few transitions as a sorted run of keys (binary search). All states' runs sit end to end in two flat arrays
 * ({@code keys}, {@code next}, state {@code s} at {@code [first[s], first[s + 1])}): with the literals of a
 * thousand rules a field's automaton has tens of thousands of states, and one small array per state made each
 * step of the scan a jump to another part of the heap. Each state knows the literal that ends there (if any)
 * and the nearest state on its failure chain where a literal ends, so reporting walks only real matches.
 *
 * <p>An automaton of at most {@link #MAX_DENSE_STATES} states also keeps every state's move on every ASCII
 * character, failure links already followed ({@code ascii}): the scan of an ASCII character is then one array
 * read instead of a search and a walk up the failure chain. That takes 256 bytes a state, so the bound follows
 * the heap: a rule pack's automaton always has them, a whole corpus's (tens of thousands of states) only when a
 * 64th of the heap holds them.
 */
public final class LiteralAutomaton {
    private final int[] rootNext;
    private final int[] first;  // state s's transitions are keys/next[first[s] .. first[s + 1])
    private final char[] keys;
    private final int[] next;
    private final int[] fail;
    private final int[] literalAt;  // literal index ending at this state, or -1
    private final int[] outputLink; // nearest state on the failure chain with a literal, or 0
    private final int literals;
    /** State s's move on ASCII character c at {@code [s << 7 | c]}, or null for a large automaton. */
    private final char[] ascii;

    /** Up to this many states the ASCII moves are precomputed: 128 chars a state, at most a 64th of the heap. */
    static final int MAX_DENSE_STATES = maxDenseStates(Runtime.getRuntime().maxMemory());

    static int maxDenseStates(long maxHeapBytes) {
        return (int) Math.min(Character.MAX_VALUE, Math.max(16_384, maxHeapBytes / 64 / 256));
    }

    private LiteralAutomaton(int[] rootNext, int[] first, char[] keys, int[] next, int[] fail, int[] literalAt, int[] outputLink, int literals,
                             char[] ascii) {
        this.rootNext = rootNext;
        this.first = first;
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.literalAt = literalAt;
        this.outputLink = outputLink;
        this.literals = literals;
        this.ascii = ascii;
    }

    /** The automaton of {@code literals} (non-empty, distinct); literal {@code i} is reported as {@code i}. */
    public static LiteralAutomaton of(List<String> literals) {
        return of(literals, MAX_DENSE_STATES);
    }

    /** As {@link #of(List)}, with the ASCII moves precomputed only up to {@code maxDenseStates} states. */
    static LiteralAutomaton of(List<String> literals, int maxDenseStates) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        trie.add(new HashMap<>());
        ends.add(-1);
        for (int i = 0; i < literals.size(); i++) {
            String s = literals.get(i);
            if (s.isEmpty()) throw new IllegalArgumentException("empty literal");
            int state = 0;
            for (int k = 0; k < s.length(); k++) {
                Integer to = trie.get(state).get(s.charAt(k));
                if (to == null) {
                    to = trie.size();
                    trie.get(state).put(s.charAt(k), to);
                    trie.add(new HashMap<>());
                    ends.add(-1);
                }
                state = to;
            }
            if (ends.get(state) >= 0) throw new IllegalArgumentException("duplicate literal: " + s);
            ends.set(state, i);
        }
        int n = trie.size();
        char[][] keys = new char[n][];
        int[][] next = new int[n][];
        for (int s = 0; s < n; s++) {
            Map<Character, Integer> t = trie.get(s);
            char[] k = new char[t.size()];
            int j = 0;
            for (char c : t.keySet()) k[j++] = c;
            Arrays.sort(k);
            int[] to = new int[k.length];
            for (j = 0; j < k.length; j++) to[j] = t.get(k[j]);
            keys[s] = k;
            next[s] = to;
        }
        int[] rootNext = new int[1 << 16];
        for (int j = 0; j < keys[0].length; j++) rootNext[keys[0][j]] = next[0][j];
        int[] firstK = new int[n + 1];
        for (int st = 0; st < n; st++) firstK[st + 1] = firstK[st] + keys[st].length;
        char[] flatKeys = new char[firstK[n]];
        int[] flatNext = new int[firstK[n]];
        for (int st = 0; st < n; st++) {
            System.arraycopy(keys[st], 0, flatKeys, firstK[st], keys[st].length);
            System.arraycopy(next[st], 0, flatNext, firstK[st], next[st].length);
        }
        int[] literalAt = ends.stream().mapToInt(Integer::intValue).toArray();
        int[] fail = new int[n];
        int[] outputLink = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] breadthFirst = new int[n];
        int visited = 0;
        for (int to : next[0]) queue.add(to); // depth 1: fail to the root
        while (!queue.isEmpty()) {
            int s = queue.poll();
            breadthFirst[visited++] = s;
            for (int j = 0; j < keys[s].length; j++) {
                char c = keys[s][j];
                int child = next[s][j];
                int f = fail[s];
                int to;
                while (true) {
                    to = f == 0 ? rootNext[c] : step(firstK, flatKeys, flatNext, f, c);
                    if (to >= 0 || f == 0) break;
                    f = fail[f];
                }
                fail[child] = Math.max(to, 0);
                outputLink[child] = literalAt[fail[child]] >= 0 ? fail[child] : outputLink[fail[child]];
                queue.add(child);
            }
        }
        char[] ascii = null;
        if (n <= Math.min(maxDenseStates, Character.MAX_VALUE)) {
            ascii = new char[n << 7];
            for (int c = 0; c < 128; c++) ascii[c] = (char) rootNext[c];
            // Breadth first, so a state's failure state (shallower) is filled before it.
            for (int i = 0; i < visited; i++) {
                int st = breadthFirst[i];
                for (int c = 0; c < 128; c++) {
                    int to = step(firstK, flatKeys, flatNext, st, (char) c);
                    ascii[st << 7 | c] = (char) (to >= 0 ? to : ascii[fail[st] << 7 | c]);
                }
            }
        }
        return new LiteralAutomaton(rootNext, firstK, flatKeys, flatNext, fail, literalAt, outputLink, literals.size(), ascii);
    }

    /** The state {@code s} (not the root) goes to on {@code c}, or -1. */
    private static int step(int[] first, char[] keys, int[] next, int s, char c) {
        int lo = first[s], hi = first[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char k = keys[mid];
            if (k < c) lo = mid + 1;
            else if (k > c) hi = mid - 1;
            else return next[mid];
        }
        return -1;
    }

    public int literals() { return literals; }

    /** Whether the ASCII moves are precomputed (a small automaton). */
    boolean dense() { return ascii != null; }

    /**
     * As {@link #scan} over {@code Text.fold(text)}, without building it, while {@code text} is ASCII (where
     * folding is lower-casing each character). Returns false at the first non-ASCII character, having reported
     * only occurrences before it: the caller then scans the folded text.
     */
    public boolean scanAsciiFolded(String text, IntConsumer found) {
        int s = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c >= 128) return false;
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (ascii != null) s = ascii[s << 7 | c];
            else while (true) {
                if (s == 0) { s = rootNext[c]; break; }
                int to = step(first, keys, next, s, c);
                if (to >= 0) { s = to; break; }
                s = fail[s];
            }
            if (literalAt[s] >= 0) found.accept(literalAt[s]);
            for (int o = outputLink[s]; o != 0; o = outputLink[o]) found.accept(literalAt[o]);
        }
        return true;
    }

    /** Calls {@code found} with the index of every literal occurrence in {@code text} (repeats included). */
    public void scan(String text, IntConsumer found) {
        int s = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c < 128 && ascii != null) s = ascii[s << 7 | c];
            else while (true) {
                if (s == 0) { s = rootNext[c]; break; }
                int to = step(first, keys, next, s, c);
                if (to >= 0) { s = to; break; }
                s = fail[s];
            }
            if (literalAt[s] >= 0) found.accept(literalAt[s]);
            for (int o = outputLink[s]; o != 0; o = outputLink[o]) found.accept(literalAt[o]);
        }
    }
}
