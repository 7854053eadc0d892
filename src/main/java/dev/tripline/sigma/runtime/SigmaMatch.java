package dev.tripline.sigma.runtime;

import com.google.re2j.Pattern;
import dev.tripline.model.Text;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What DRL converted from Sigma calls for matches the plain DRL operators cannot express. Every method is
 * null-safe (an absent field matches nothing) and every pattern is compiled once, on first use, and cached by
 * its text: the constant in the DRL is the key, so no event ever compiles a pattern.
 *
 * <p>Regular expressions run on RE2/J, whose matching time is linear in the input: no pattern, however
 * written, can backtrack catastrophically on an attacker's command line.
 */
public final class SigmaMatch {
    private static final Map<String, Wildcard> WILDCARDS = new ConcurrentHashMap<>();
    private static final Map<String, Regex> REGEXES = new ConcurrentHashMap<>();
    private static final Map<String, Cidr> CIDRS = new ConcurrentHashMap<>();

    private SigmaMatch() {}

    /** {@code value} (already folded, or raw for {@code cased}) matches the wildcard pattern. */
    public static boolean like(String value, String glob) {
        return value != null && WILDCARDS.computeIfAbsent(glob, Wildcard::compile).matches(value);
    }

    /**
     * Regular expression search ({@code re}): {@code flags} holds any of {@code i}, {@code m}, {@code s}. Text that
     * lacks a literal every match needs ({@link RegexLiterals#raw}) is answered without the regex engine.
     */
    public static boolean re(String value, String regex, String flags) {
        return value != null && compiled(regex, flags).find(value);
    }

    /** Compiles (and caches) a pattern; throws {@link com.google.re2j.PatternSyntaxException} if RE2 cannot express it. */
    public static Pattern regex(String regex, String flags) {
        return compiled(regex, flags).pattern();
    }

    private static Regex compiled(String regex, String flags) {
        return REGEXES.computeIfAbsent(flags + "/" + regex, k -> {
            int f = 0;
            if (flags.indexOf('i') >= 0) f |= Pattern.CASE_INSENSITIVE;
            if (flags.indexOf('m') >= 0) f |= Pattern.MULTILINE;
            if (flags.indexOf('s') >= 0) f |= Pattern.DOTALL;
            Pattern p = Pattern.compile(regex, f);
            List<List<String>> needs = RegexLiterals.raw(regex, flags);
            String[][] clauses = new String[needs.size()][];
            for (int i = 0; i < clauses.length; i++) clauses[i] = needs.get(i).toArray(new String[0]);
            String[] inOrder = RegexLiterals.inOrder(regex, flags).toArray(new String[0]);
            // Runs joined only by '.*' (not '.+', which needs a character between): finding them in order on
            // one line (anywhere, with flag s) is exactly what a match is, so RE2 is not needed at all. RE2 took
            // milliseconds on long scripts with a 28-state pattern. (Where inOrder read the pattern, any ".+" in
            // it is a gap: an escaped '.' followed by '+' is a quantified character, which inOrder refuses.)
            boolean exact = inOrder.length > 0 && !regex.contains(".+");
            return new Regex(p, clauses, inOrder, flags.indexOf('s') >= 0, exact);
        });
    }

    /**
     * A compiled pattern, the literals every match contains (clauses that must all hold) and, for a pattern of
     * literal runs and gaps, the runs in the order a match holds them.
     */
    private record Regex(Pattern pattern, String[][] needs, String[] inOrder, boolean dotAll, boolean exact) {
        /**
         * Whether the runs occur in order, each after the end of the one before, and (unless {@code .} matches a
         * line break, flag {@code s}) within one line, since the gaps between them cannot cross a {@code \n}.
         */
        boolean holdsInOrder(String value) {
            int lineStart = 0;
            while (true) {
                int at = value.indexOf(inOrder[0], lineStart);
                if (at < 0) return false;
                if (!dotAll) lineStart = value.lastIndexOf('\n', at) + 1; // the line of the first run
                int lineEnd = dotAll ? value.length() : value.indexOf('\n', at);
                if (lineEnd < 0) lineEnd = value.length();
                int from = at + inOrder[0].length();
                int beyond = -1; // where a later run was first found, past this line
                for (int k = 1; k < inOrder.length && beyond < 0; k++) {
                    int next = value.indexOf(inOrder[k], from);
                    if (next < 0) return false; // no later line holds it either
                    if (next + inOrder[k].length() > lineEnd) beyond = next;
                    else from = next + inOrder[k].length();
                }
                if (beyond < 0) return true;
                // No line before the one holding that run can hold the chain (that run is not in them after
                // 'from'): go on from its line, so each search only moves forward.
                lineStart = value.lastIndexOf('\n', beyond) + 1;
            }
        }

        boolean find(String value) {
            if (inOrder.length > 0 && !holdsInOrder(value)) return false;
            if (exact) return true;
            for (String[] clause : needs) {
                boolean any = false;
                for (String literal : clause) {
                    if (value.contains(literal)) {
                        any = true;
                        break;
                    }
                }
                if (!any) return false;
            }
            return pattern.matcher(value).find();
        }
    }

    // Case-sensitive ("cased") and raw-value tests, null-safe.
    public static boolean equalsCased(String value, String s) { return value != null && value.equals(s); }
    public static boolean containsCased(String value, String s) { return value != null && value.contains(s); }
    public static boolean startsWithCased(String value, String s) { return value != null && value.startsWith(s); }
    public static boolean endsWithCased(String value, String s) { return value != null && value.endsWith(s); }

    // Case-insensitive tests on values that have no folded accessor; {@code folded} is already folded.
    public static boolean equalsFolded(String value, String folded) { return value != null && Text.fold(value).equals(folded); }
    public static boolean containsFolded(String value, String folded) { return value != null && Text.fold(value).contains(folded); }
    public static boolean startsWithFolded(String value, String folded) { return value != null && Text.fold(value).startsWith(folded); }
    public static boolean endsWithFolded(String value, String folded) { return value != null && Text.fold(value).endsWith(folded); }
    public static boolean likeFolded(String value, String glob) { return value != null && like(Text.fold(value), glob); }

    /** {@code fieldref}: both fields present and equal (folded unless {@code cased}); {@code how} is eq/contains/startswith/endswith. */
    public static boolean fieldRef(String value, String other, String how, boolean cased) {
        if (value == null || other == null) return false;
        String a = cased ? value : Text.fold(value), b = cased ? other : Text.fold(other);
        return switch (how) {
            case "contains" -> a.contains(b);
            case "startswith" -> a.startsWith(b);
            case "endswith" -> a.endsWith(b);
            default -> a.equals(b);
        };
    }

    /** Numeric comparison ({@code lt}, {@code lte}, {@code gt}, {@code gte}); a non-numeric value matches nothing. */
    public static boolean compare(String value, String op, double bound) {
        if (value == null) return false;
        double v;
        try {
            String t = value.trim();
            v = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseUnsignedLong(t.substring(2), 16) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return false;
        }
        return switch (op) {
            case "lt" -> v < bound;
            case "lte" -> v <= bound;
            case "gt" -> v > bound;
            default -> v >= bound;
        };
    }

    /** {@code cidr}: the value is an IPv4 or IPv6 address inside the range. */
    public static boolean cidr(String value, String range) {
        if (value == null) return false;
        return CIDRS.computeIfAbsent(range, Cidr::parse).contains(value.trim());
    }

    /** An IP range; {@link #parse} throws IllegalArgumentException on a malformed range. */
    public record Cidr(BigInteger network, int bits, int length) {
        public static Cidr parse(String range) {
            int slash = range.indexOf('/');
            byte[] addr = address(slash < 0 ? range : range.substring(0, slash));
            if (addr == null) throw new IllegalArgumentException("not an IP address: " + range);
            int len = slash < 0 ? addr.length * 8 : Integer.parseInt(range.substring(slash + 1));
            if (len < 0 || len > addr.length * 8) throw new IllegalArgumentException("bad prefix length: " + range);
            return new Cidr(new BigInteger(1, addr).shiftRight(addr.length * 8 - len), addr.length * 8, len);
        }

        boolean contains(String ip) {
            byte[] a = address(ip);
            if (a == null || a.length * 8 != bits) return false;
            return new BigInteger(1, a).shiftRight(bits - length).equals(network);
        }

        /** Parses a literal address only: never a DNS lookup. */
        private static byte[] address(String s) {
            if (s == null || s.isEmpty()) return null;
            boolean v4 = s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
            boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
            if (!v4 && !v6) return null;
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (Exception e) {
                return null;
            }
        }
    }
}
