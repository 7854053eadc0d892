package dev.tripline.sigma;

import java.util.List;

/** A Sigma detection condition, parsed: {@code or} &lt; {@code and} &lt; {@code not} &lt; quantifiers, parentheses. */
public sealed interface Condition {

    record Or(List<Condition> terms) implements Condition {
        public Or { terms = List.copyOf(terms); }
    }

    record And(List<Condition> terms) implements Condition {
        public And { terms = List.copyOf(terms); }
    }

    record Not(Condition term) implements Condition {}

    /** A detection identifier by name. */
    record Ref(String name) implements Condition {}

    /**
     * {@code 1 of X}, {@code all of X}, {@code N of X}: {@code pattern} is an identifier pattern with {@code *},
     * or {@code null} for {@code them} (every identifier not starting with {@code _}).
     */
    record Quantified(Quantifier quantifier, int count, String pattern) implements Condition {
        public boolean them() { return pattern == null; }
    }

    enum Quantifier { ANY, ALL, AT_LEAST }
}
