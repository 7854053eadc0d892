package dev.tripline.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for the Sigma condition grammar:
 * <pre>
 *   or    := and ( "or" and )*
 *   and   := not ( "and" not )*
 *   not   := "not" not | quant
 *   quant := ( "1" | "all" | N ) "of" ( "them" | pattern ) | "(" or ")" | identifier
 * </pre>
 * Keywords are case-insensitive. The deprecated aggregation syntax ({@code | count() by …}) is rejected.
 */
public final class ConditionParser {
    private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|\\||[^\\s()|]+)");

    /** Parentheses and 'not' nested deeper than this are rejected (SigmaHQ rules nest at most 4 levels). */
    static final int MAX_DEPTH = 32;
    /** Condition text longer than this is rejected; the longest SigmaHQ condition is a few hundred characters. */
    static final int MAX_LENGTH = 16 * 1024;

    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private ConditionParser(String text) throws ConversionRejected {
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                if (text.substring(at).isBlank()) break;
                throw ConversionRejected.of("invalid condition: cannot read '" + text.substring(at).strip() + "'");
            }
            tokens.add(m.group(1));
            at = m.end();
        }
    }

    public static Condition parse(String text) throws ConversionRejected {
        if (text.length() > MAX_LENGTH) throw ConversionRejected.of("over limit: condition of " + text.length() + " characters (limit " + MAX_LENGTH + ")");
        ConditionParser p = new ConditionParser(text);
        if (p.tokens.contains("|")) throw ConversionRejected.of("unsupported condition: aggregation expressions ('|') are deprecated; use a correlation rule");
        if (p.tokens.isEmpty()) throw ConversionRejected.of("invalid condition: empty");
        Condition c = p.or();
        if (p.pos < p.tokens.size()) throw ConversionRejected.of("invalid condition: unexpected '" + p.tokens.get(p.pos) + "' in '" + text + "'");
        return c;
    }

    private String peek() { return pos < tokens.size() ? tokens.get(pos) : null; }

    private boolean keyword(String k) {
        String t = peek();
        if (t != null && t.toLowerCase(Locale.ROOT).equals(k)) { pos++; return true; }
        return false;
    }

    private Condition or() throws ConversionRejected {
        List<Condition> terms = new ArrayList<>(List.of(and()));
        while (keyword("or")) terms.add(and());
        return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
    }

    private Condition and() throws ConversionRejected {
        List<Condition> terms = new ArrayList<>(List.of(not()));
        while (keyword("and")) terms.add(not());
        return terms.size() == 1 ? terms.get(0) : new Condition.And(terms);
    }

    private Condition not() throws ConversionRejected {
        if (keyword("not")) {
            deeper();
            Condition inner = not();
            depth--;
            return new Condition.Not(inner);
        }
        return primary();
    }

    private void deeper() throws ConversionRejected {
        if (++depth > MAX_DEPTH) throw ConversionRejected.of("over limit: condition nested deeper than " + MAX_DEPTH + " levels of parentheses and 'not'");
    }

    private Condition primary() throws ConversionRejected {
        String t = peek();
        if (t == null) throw ConversionRejected.of("invalid condition: ends early");
        if (t.equals("(")) {
            pos++;
            deeper();
            Condition inner = or();
            if (!")".equals(peek())) throw ConversionRejected.of("invalid condition: missing ')'");
            pos++;
            depth--;
            return inner;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        boolean quantifier = lower.equals("all") || lower.matches("[0-9]+");
        if (quantifier && pos + 1 < tokens.size() && tokens.get(pos + 1).toLowerCase(Locale.ROOT).equals("of")) {
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) throw ConversionRejected.of("invalid condition: '" + t + " of' needs 'them' or a pattern");
            pos++;
            String pattern = target.toLowerCase(Locale.ROOT).equals("them") ? null : target;
            if (lower.equals("all")) return new Condition.Quantified(Condition.Quantifier.ALL, 0, pattern);
            if (lower.length() > 6) throw ConversionRejected.of("over limit: '" + t + " of' (a count of at most 999999)");
            int n = Integer.parseInt(lower);
            if (n < 1) throw ConversionRejected.of("invalid condition: '" + t + " of' needs a count of at least 1");
            return new Condition.Quantified(n == 1 ? Condition.Quantifier.ANY : Condition.Quantifier.AT_LEAST, n, pattern);
        }
        if (List.of("and", "or", "not", "of", ")").contains(lower)) throw ConversionRejected.of("invalid condition: unexpected '" + t + "'");
        pos++;
        return new Condition.Ref(t);
    }
}
