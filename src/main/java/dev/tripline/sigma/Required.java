package dev.tripline.sigma;

import dev.tripline.sigma.runtime.SigmaPrefilter.Literal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The text a rule's constraint cannot match without, as clauses that must all hold, each a choice of literals
 * of which one must occur in its folded field (conjunctive normal form). Every clause is a necessary condition
 * of the constraint, never more: an AND needs what each of its terms needs; an OR needs, for every way of
 * picking one clause per term, the union of the picked clauses ((a ∧ b) ∨ c needs a ∨ c and b ∨ c); a NOT, a
 * cased or numeric test needs nothing that the prefilter can see, a regex what {@link dev.tripline.sigma.runtime.RegexLiterals} finds.
 * An empty list means "no usable literal": the rule must see every event.
 */
final class Required {
    /** Clauses kept per rule: the most selective ones (one selective clause already keeps most events out). */
    static final int MAX_CLAUSES = 4;
    /** Clauses an OR's product may grow to before further terms add only their most selective clause. */
    static final int MAX_PRODUCT = 64;

    private Required() {}

    static List<List<Literal>> of(Expr e) {
        if (e instanceof Expr.Atom a) return a.needs() == null ? List.of() : List.of(List.copyOf(new LinkedHashSet<>(a.needs())));
        if (e instanceof Expr.Labeled l) return of(l.term());
        if (e instanceof Expr.Not) return List.of();
        Expr.Group g = (Expr.Group) e;
        List<List<Literal>> all = new ArrayList<>();
        if (g.and()) {
            for (Expr t : g.terms()) {
                for (List<Literal> c : of(t)) if (!all.contains(c)) all.add(c);
            }
            return strongest(all);
        }
        // OR: the clauses of the product, one clause from each term, each product clause the union of its picks.
        List<List<Literal>> product = List.of(List.of());
        for (Expr t : g.terms()) {
            List<List<Literal>> c = of(t);
            if (c.isEmpty()) return List.of(); // this alternative needs nothing, so the OR needs nothing
            // Past MAX_PRODUCT clauses, only the term's most selective clause joins (still necessary, less selective).
            if (product.size() * c.size() > MAX_PRODUCT) c = c.subList(0, 1);
            List<List<Literal>> next = new ArrayList<>();
            for (List<Literal> p : product) {
                for (List<Literal> q : c) {
                    LinkedHashSet<Literal> union = new LinkedHashSet<>(p);
                    union.addAll(q);
                    List<Literal> u = List.copyOf(union);
                    if (!next.contains(u)) next.add(u);
                }
            }
            product = next;
        }
        return strongest(product);
    }

    /**
     * The most selective clauses, at most MAX_CLAUSES, after dropping any clause that holds all the literals of
     * another (it says less: whenever the smaller one holds, so does it).
     */
    private static List<List<Literal>> strongest(List<List<Literal>> clauses) {
        List<List<Literal>> kept = new ArrayList<>();
        for (List<Literal> c : clauses) {
            boolean weaker = false;
            for (List<Literal> d : clauses) {
                if (d != c && c.containsAll(d) && (c.size() > d.size() || clauses.indexOf(d) < clauses.indexOf(c))) {
                    weaker = true;
                    break;
                }
            }
            if (!weaker) kept.add(c);
        }
        kept.sort(BY_SELECTIVITY);
        return kept.size() > MAX_CLAUSES ? List.copyOf(kept.subList(0, MAX_CLAUSES)) : List.copyOf(kept);
    }

    /** A clause whose shortest literal is longer is rarer in real text; among equals, fewer choices first. */
    private static final Comparator<List<Literal>> BY_SELECTIVITY = Comparator
            .comparingInt((List<Literal> c) -> -c.stream().mapToInt(l -> l.text().length()).min().orElse(0))
            .thenComparingInt(List::size);
}
