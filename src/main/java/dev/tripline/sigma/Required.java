package dev.tripline.sigma;

import dev.tripline.sigma.runtime.SigmaPrefilter.Literal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The text a rule's constraint cannot match without, as clauses that must all hold, each a choice of literals
 * of which one must occur in its folded field (conjunctive normal form). Every clause is a necessary condition
 * of the constraint, never more: an AND needs what each of its terms needs; an OR needs one thing from each of
 * its terms (so the union of one clause per term); a NOT, a regex, a cased or numeric test needs nothing
 * that the prefilter can see. An empty list means "no usable literal": the rule must see every event.
 */
final class Required {
    /** Clauses kept per rule: the most selective ones (one selective clause already keeps most events out). */
    static final int MAX_CLAUSES = 4;

    private Required() {}

    static List<List<Literal>> of(Expr e) {
        if (e instanceof Expr.Atom a) return a.needs() == null ? List.of() : List.of(List.of(a.needs()));
        if (e instanceof Expr.Labeled l) return of(l.term());
        if (e instanceof Expr.Not) return List.of();
        Expr.Group g = (Expr.Group) e;
        if (g.and()) {
            List<List<Literal>> all = new ArrayList<>();
            for (Expr t : g.terms()) {
                for (List<Literal> c : of(t)) if (!all.contains(c)) all.add(c);
            }
            all.sort(BY_SELECTIVITY);
            return all.size() > MAX_CLAUSES ? List.copyOf(all.subList(0, MAX_CLAUSES)) : all;
        }
        LinkedHashSet<Literal> union = new LinkedHashSet<>();
        for (Expr t : g.terms()) {
            List<List<Literal>> c = of(t);
            if (c.isEmpty()) return List.of(); // this alternative needs nothing, so the OR needs nothing
            union.addAll(c.get(0));           // the term's most selective clause
        }
        return List.of(List.copyOf(union));
    }

    /** A clause whose shortest literal is longer is rarer in real text; among equals, fewer choices first. */
    private static final Comparator<List<Literal>> BY_SELECTIVITY = Comparator
            .comparingInt((List<Literal> c) -> -c.stream().mapToInt(l -> l.text().length()).min().orElse(0))
            .thenComparingInt(List::size);
}
