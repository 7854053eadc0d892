package dev.tripline.sigma;

import dev.tripline.sigma.runtime.SigmaPrefilter;

import java.util.ArrayList;
import java.util.List;

/** A boolean DRL constraint under construction, rendered readably (short groups on one line, long ones broken). */
sealed interface Expr {
    int WIDTH = 110;

    /**
     * One test; {@code needs} is text the test cannot pass without (literals of folded fields, one of which
     * must occur), or null when it has none the prefilter can use.
     */
    record Atom(String text, List<SigmaPrefilter.Literal> needs) implements Expr {
        Atom(String text) { this(text, (List<SigmaPrefilter.Literal>) null); }
        Atom(String text, SigmaPrefilter.Literal needs) { this(text, needs == null ? null : List.of(needs)); }
    }

    record Group(boolean and, List<Expr> terms) implements Expr {}

    record Not(Expr term) implements Expr {}

    /** A detection identifier's constraint, labelled with the identifier's name in a comment. */
    record Labeled(String label, Expr term) implements Expr {}

    static Expr and(List<Expr> terms) { return terms.size() == 1 ? terms.get(0) : new Group(true, flatten(true, terms)); }

    static Expr or(List<Expr> terms) { return terms.size() == 1 ? terms.get(0) : new Group(false, flatten(false, terms)); }

    private static List<Expr> flatten(boolean and, List<Expr> terms) {
        List<Expr> out = new ArrayList<>();
        for (Expr t : terms) {
            if (t instanceof Group g && g.and() == and) out.addAll(g.terms());
            else out.add(t);
        }
        return out;
    }

    /** One-line form. */
    static String inline(Expr e) {
        if (e instanceof Atom a) return a.text();
        if (e instanceof Not n) return "!( " + inline(n.term()) + " )";
        if (e instanceof Labeled l) return "/* " + l.label() + " */ " + inline(l.term());
        Group g = (Group) e;
        List<String> parts = new ArrayList<>();
        for (Expr t : g.terms()) parts.add(inline(t));
        return "( " + String.join(g.and() ? " && " : " || ", parts) + " )";
    }

    /** Multi-line form starting at column {@code indent}; continuation lines are indented to it. */
    static String render(Expr e, int indent) {
        String flat = inline(e);
        if (flat.length() + indent <= WIDTH) return flat;
        String pad = " ".repeat(indent);
        if (e instanceof Atom a) return a.text();
        if (e instanceof Not n) return "!( " + render(n.term(), indent + 3) + " )";
        if (e instanceof Labeled l) return "// " + l.label() + "\n" + pad + render(l.term(), indent);
        Group g = (Group) e;
        StringBuilder b = new StringBuilder("( ");
        String op = g.and() ? "&& " : "|| ";
        for (int i = 0; i < g.terms().size(); i++) {
            if (i > 0) b.append('\n').append(pad).append("  ").append(op);
            b.append(render(g.terms().get(i), indent + 2 + (i > 0 ? 3 : 0)));
        }
        return b.append(" )").toString();
    }
}
