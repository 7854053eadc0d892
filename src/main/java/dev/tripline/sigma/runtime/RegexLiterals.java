package dev.tripline.sigma.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text that every match of a regular expression must contain, read from the pattern, as clauses that must all
 * hold, each a choice of literals (as the prefilter's {@code @prefilter}); an empty list means "nothing usable".
 * Two readings:
 * <ul>
 * <li>{@link #folded}: what a match in a field's raw value leaves in the field's folded value (NFC, then lower
 *     case), so that the converter can give a regex rule a prefilter.</li>
 * <li>{@link #raw}: what a match contains in the very text it matched, so that {@link SigmaMatch#re} can skip
 *     the regex engine on text that lacks it.</li>
 * </ul>
 *
 * <p>Only what is certain is taken, and anything not understood ends a literal or gives nothing:
 * <ul>
 * <li>Literals are runs of ASCII characters that the pattern matches one after another, each required (a
 *     quantifier that allows none drops the character; an alternation needs one literal of each branch).</li>
 * <li>Folding a value keeps every ASCII character and lower-cases it, except that the last character of a run
 *     may combine with a combining mark after it (e.g. {@code e} + U+0301 becomes {@code é}). So a folded run
 *     keeps its last character only when the pattern says what follows is an ASCII character; otherwise it is
 *     dropped.</li>
 * <li>Under case-insensitive matching ({@code i} flag or an inline {@code (?i)} anywhere), RE2 matches
 *     {@code s} also against U+017F (ſ), which folding keeps as it is: {@code s} ends a folded run there.
 *     ({@code k} also matches U+212A, but NFC turns that into {@code K}.) A raw run ends at every letter.</li>
 * <li>A folded literal shorter than {@link #MIN_LENGTH} filters too little to be worth a prefilter: a clause
 *     holding one is not used.</li>
 * </ul>
 */
public final class RegexLiterals {
    public static final int MIN_LENGTH = 3;
    private static final int MAX_CLAUSES = 4;

    private final String re;
    private final boolean caseless;
    private final boolean folding;
    private final int minLength;
    private int pos;

    private RegexLiterals(String re, String flags, boolean folding) {
        this.re = re;
        // An inline flag group anywhere that names 'i' makes the whole pattern count as caseless (caseless only
        // ever takes literals out, so over-applying it is safe).
        this.caseless = flags.indexOf('i') >= 0 || hasInlineCaseless(re);
        this.folding = folding;
        this.minLength = folding ? MIN_LENGTH : 1;
    }

    /** Folded literals (most selective clause first) that a match in a raw value leaves in its folded value. */
    public static List<List<String>> folded(String regex, String flags) {
        return new RegexLiterals(regex, flags, true).read();
    }

    /** Literals, as written, that every match contains (most selective clause first). */
    public static List<List<String>> raw(String regex, String flags) {
        return new RegexLiterals(regex, flags, false).read();
    }

    /**
     * For a pattern that is only literal text and {@code .*}/{@code .+} gaps ({@code \+.*\+.*\+}: "at least three
     * plus signs"), the literal runs in the order every match holds them, one after another without overlap;
     * otherwise (anything else in the pattern, or case-insensitive letters) an empty list. The clauses of
     * {@link #raw} only say that each run occurs somewhere, which such a pattern's runs nearly always do, while
     * RE2 tries every start position against every gap: a long command line then costs tens of microseconds a
     * rule. A match holds the runs in order on one line (a gap's {@code .} crosses a line break only under flag
     * {@code s}); with only {@code .*} gaps, that is also all a match needs ({@link SigmaMatch#re}).
     */
    public static List<String> inOrder(String regex, String flags) {
        boolean caseless = flags.indexOf('i') >= 0 || hasInlineCaseless(regex);
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '.' && i + 1 < regex.length() && (regex.charAt(i + 1) == '*' || regex.charAt(i + 1) == '+')) {
                if (i + 2 < regex.length() && regex.charAt(i + 2) == '?') i++; // lazy: the same text is needed
                if (!run.isEmpty()) runs.add(run.toString());
                run.setLength(0);
                i++;
                continue;
            }
            char literal;
            if (c == '\\' && i + 1 < regex.length() && isEscapedPunctuation(regex.charAt(i + 1))) literal = regex.charAt(++i);
            else if (c < 0x80 && c != '\n' && "\\.[](){}*+?|^$".indexOf(c) < 0) literal = c;
            else return List.of();
            // A quantifier after the character makes it optional or repeated: not a plain run.
            if (i + 1 < regex.length() && "*+?{".indexOf(regex.charAt(i + 1)) >= 0) return List.of();
            if (caseless && Character.isLetter(literal)) return List.of();
            run.append(literal);
        }
        if (!run.isEmpty()) runs.add(run.toString());
        return runs.size() < 2 ? List.of() : runs; // one run: the raw clauses already say as much
    }

    private static boolean isEscapedPunctuation(char c) {
        return c < 0x80 && !Character.isLetterOrDigit(c) && c != '_' && !Character.isWhitespace(c);
    }

    private List<List<String>> read() {
        List<Set<String>> clauses;
        try {
            clauses = alternation();
            if (pos != re.length()) return List.of(); // an unbalanced ')': not understood
        } catch (RuntimeException e) {
            return List.of();
        }
        return best(clauses, MAX_CLAUSES);
    }

    private static boolean hasInlineCaseless(String re) {
        for (int i = re.indexOf("(?"); i >= 0; i = re.indexOf("(?", i + 2)) {
            int j = i + 2;
            while (j < re.length() && re.charAt(j) != ')' && re.charAt(j) != ':') {
                if (re.charAt(j) == 'i') return true;
                j++;
            }
        }
        return false;
    }

    /** branch ('|' branch)*: a choice needs one literal from each branch's most selective clause. */
    private List<Set<String>> alternation() {
        List<List<Set<String>>> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        if (branches.size() == 1) return branches.get(0);
        Set<String> union = new LinkedHashSet<>();
        for (List<Set<String>> b : branches) {
            List<List<String>> usable = best(b, 1);
            if (usable.isEmpty()) return new ArrayList<>();
            union.addAll(usable.get(0));
        }
        List<Set<String>> out = new ArrayList<>();
        out.add(union);
        return out;
    }

    /** Items up to '|', ')' or the end: every literal run and every required group's clauses. */
    private List<Set<String>> sequence() {
        List<Set<String>> clauses = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '|' || c == ')') break;
            if (c == '(') {
                end(run, clauses, false);
                pos++;
                boolean hasBody = groupPrefix();
                if (!hasBody && pos < re.length() && re.charAt(pos) == ')') { // (?flags): sets flags only
                    pos++;
                    continue;
                }
                List<Set<String>> inner = alternation();
                if (pos >= re.length() || re.charAt(pos) != ')') throw new IllegalArgumentException("unbalanced");
                pos++;
                int[] q = quantifier();
                if (q[0] >= 1) clauses.addAll(inner);
                continue;
            }
            // One atom: a literal character (code), or something else (class, '.', anchor, escape class).
            int literal = -1;          // the literal character, or -1
            boolean asciiClass = false; // a non-literal atom that always consumes one ASCII character
            if (c == '[') {
                asciiClass = charClass();
            } else if (c == '\\') {
                pos++;
                if (pos >= re.length()) throw new IllegalArgumentException("trailing backslash");
                char e = re.charAt(pos++);
                if (e == 'Q') {
                    int stop = re.indexOf("\\E", pos);
                    String quoted = stop < 0 ? re.substring(pos) : re.substring(pos, stop);
                    pos = stop < 0 ? re.length() : stop + 2;
                    for (int i = 0; i < quoted.length(); i++) {
                        if (!addLiteral(run, quoted.charAt(i))) end(run, clauses, quoted.charAt(i) < 128);
                    }
                    // A quantifier applies to the quoted text's last character: closing the run as "followed by
                    // something unknown" drops exactly that character.
                    int save = pos;
                    quantifier();
                    if (pos != save) end(run, clauses, false);
                    continue;
                }
                if (e == 'd' || e == 's' || e == 'w') asciiClass = true;
                else if (e == 'n') literal = '\n';
                else if (e == 't') literal = '\t';
                else if (e == 'r') literal = '\r';
                else if (e == 'f') literal = '\f';
                else if (e == 'p' || e == 'P') skipProperty();
                else if (e == 'x') skipHex();
                else if (!Character.isLetterOrDigit(e) && e < 128) literal = e;
                // any other escape (\b, \B, \A, \z, \D, \S, \W, \C, octal...): not a literal, consumes unknown
            } else if (c == '.' || c == '^' || c == '$') {
                pos++;
            } else {
                pos++;
                literal = c;
            }
            int[] q = quantifier();
            if (literal >= 0 && q[0] >= 1) {
                if (!addLiteral(run, (char) literal)) {
                    end(run, clauses, literal < 128); // an 's' under caseless, or non-ASCII
                    continue;
                }
                if (q[1] != 1) end(run, clauses, false); // repeated: what follows the run is not known
            } else {
                end(run, clauses, q[0] >= 1 && (asciiClass || (literal >= 0 && literal < 128)));
            }
        }
        // At '|', ')' or the pattern's end the text may go on with anything (the search is unanchored).
        end(run, clauses, false);
        return clauses;
    }

    /** Appends a usable literal character (folded when folding); false when it cannot be part of a run. */
    private boolean addLiteral(StringBuilder run, char c) {
        if (c >= 128) return false;
        if (!folding) {
            if (caseless && Character.isLetter(c)) return false;
            run.append(c);
            return true;
        }
        char f = Character.toLowerCase(c);
        if (caseless && f == 's') return false;
        run.append(f);
        return true;
    }

    /**
     * Closes the current run as a one-literal clause. {@code nextIsAscii}: the pattern says the character
     * after the run is ASCII, so folding cannot combine the run's last character with it.
     */
    private void end(StringBuilder run, List<Set<String>> clauses, boolean nextIsAscii) {
        int len = nextIsAscii || !folding ? run.length() : run.length() - 1;
        if (len > 0) {
            Set<String> c = new LinkedHashSet<>();
            c.add(run.substring(0, len));
            clauses.add(c);
        }
        run.setLength(0);
    }

    /** After '(': reads the group's prefix ({@code ?:}, {@code ?P<name>}, {@code ?flags:}); false for {@code (?flags)}, which has no body. */
    private boolean groupPrefix() {
        if (pos >= re.length() || re.charAt(pos) != '?') return true;
        pos++;
        if (pos < re.length() && (re.charAt(pos) == 'P' || re.charAt(pos) == '<')) {
            int close = re.indexOf('>', pos);
            if (close < 0) throw new IllegalArgumentException("bad group name");
            pos = close + 1;
            return true;
        }
        while (pos < re.length() && re.charAt(pos) != ':' && re.charAt(pos) != ')') pos++;
        if (pos < re.length() && re.charAt(pos) == ':') {
            pos++;
            return true;
        }
        return false; // at ')': flags only
    }

    /** A bracket expression; true when it is not negated and holds only ASCII members (so matches one ASCII character). */
    private boolean charClass() {
        pos++; // '['
        boolean ascii = true;
        if (pos < re.length() && re.charAt(pos) == '^') {
            ascii = false;
            pos++;
        }
        boolean first = true;
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                return ascii;
            }
            first = false;
            if (c == '[' && pos + 1 < re.length() && re.charAt(pos + 1) == ':') {
                int close = re.indexOf(":]", pos + 2);
                if (close < 0) throw new IllegalArgumentException("bad class");
                pos = close + 2;
                continue;
            }
            if (c == '\\') {
                if (pos + 1 >= re.length()) throw new IllegalArgumentException("bad class");
                char e = re.charAt(pos + 1);
                pos += 2;
                if (e == 'p' || e == 'P') { skipProperty(); ascii = false; }
                else if (e == 'x') { skipHex(); ascii = false; }
                else if (e == 'D' || e == 'S' || e == 'W') ascii = false;
                continue;
            }
            if (c >= 128) ascii = false;
            pos++;
        }
        throw new IllegalArgumentException("unclosed class");
    }

    private void skipProperty() {
        if (pos < re.length() && re.charAt(pos) == '{') {
            int close = re.indexOf('}', pos);
            if (close < 0) throw new IllegalArgumentException("bad property");
            pos = close + 1;
        } else {
            pos++;
        }
    }

    private void skipHex() {
        if (pos < re.length() && re.charAt(pos) == '{') {
            int close = re.indexOf('}', pos);
            if (close < 0) throw new IllegalArgumentException("bad hex");
            pos = close + 1;
        } else {
            pos = Math.min(re.length(), pos + 2);
        }
    }

    /** Reads a quantifier if one follows: {min, max} with max -1 for unbounded; {1, 1} when there is none. */
    private int[] quantifier() {
        if (pos >= re.length()) return new int[]{1, 1};
        char c = re.charAt(pos);
        int[] q;
        if (c == '*') { q = new int[]{0, -1}; pos++; }
        else if (c == '+') { q = new int[]{1, -1}; pos++; }
        else if (c == '?') { q = new int[]{0, 1}; pos++; }
        else if (c == '{') {
            int close = re.indexOf('}', pos);
            String body = close < 0 ? "" : re.substring(pos + 1, close);
            if (!body.matches("[0-9]+(,[0-9]*)?")) return new int[]{1, 1}; // a literal '{'
            int comma = body.indexOf(',');
            int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
            int max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
            q = new int[]{min, max};
            pos = close + 1;
        } else {
            return new int[]{1, 1};
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) pos++; // lazy
        return q;
    }

    /** Clauses whose every literal is long enough, most selective first, at most {@code max}. */
    private List<List<String>> best(List<Set<String>> clauses, int max) {
        List<List<String>> out = new ArrayList<>();
        for (Set<String> c : clauses) {
            if (c.isEmpty() || c.stream().anyMatch(l -> l.length() < minLength)) continue;
            List<String> l = List.copyOf(c);
            if (!out.contains(l)) out.add(l);
        }
        out.sort(Comparator.comparingInt((List<String> c) -> -c.stream().mapToInt(String::length).min().orElse(0))
                .thenComparingInt(List::size));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }
}
