package dev.tripline.sigma.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiteralAutomatonTest {
    private static List<Integer> found(LiteralAutomaton a, String text) {
        List<Integer> out = new ArrayList<>();
        a.scan(text, out::add);
        return out;
    }

    @Test
    void reportsEveryOccurrenceIncludingOverlapsAndLiteralsInsideOthers() {
        LiteralAutomaton a = LiteralAutomaton.of(List.of("he", "she", "his", "hers", "\\whoami.exe"));
        assertThat(found(a, "ushers")).containsExactlyInAnyOrder(1, 0, 3);
        assertThat(found(a, "c:\\windows\\system32\\whoami.exe /all")).containsExactly(4);
        assertThat(found(a, "nothing to see")).isEmpty();
        assertThat(found(a, "hehe")).containsExactly(0, 0);
    }

    @Test
    void handlesCharactersOutsideAsciiAndTheWholeCodeUnitRange() {
        LiteralAutomaton a = LiteralAutomaton.of(List.of("\u00e9t\u00e9", "\uffff\u0000"));
        assertThat(found(a, "l'\u00e9t\u00e9 \uffff\u0000")).containsExactly(0, 1);
    }

    @Test
    void rejectsEmptyAndDuplicateLiterals() {
        assertThatThrownBy(() -> LiteralAutomaton.of(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiteralAutomaton.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Against String.indexOf on random text over a small alphabet (where failure links matter most). */
    @Test
    void agreesWithIndexOfOnRandomText() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            TreeSet<String> set = new TreeSet<>();
            while (set.size() < 1 + r.nextInt(20)) set.add(random(r, 1 + r.nextInt(5)));
            List<String> lits = new ArrayList<>(set);
            LiteralAutomaton a = LiteralAutomaton.of(lits);
            String text = random(r, r.nextInt(60));
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < lits.size(); i++) {
                for (int at = text.indexOf(lits.get(i)); at >= 0; at = text.indexOf(lits.get(i), at + 1)) expected.add(i);
            }
            assertThat(found(a, text)).as(lits + " in " + text).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * With and without the precomputed ASCII moves, small and large automata agree with indexOf, also on text mixing ASCII and other characters (which take the sparse moves).
     */
    @Test
    void largeAndSmallAutomataAgreeWithIndexOfOnTextMixingAsciiAndOtherCharacters() {
        Random r = new Random(11);
        for (int size : new int[] {50, 6_000}) { // a few hundred and tens of thousands of states
          for (boolean dense : new boolean[] {true, false}) {
            TreeSet<String> set = new TreeSet<>();
            while (set.size() < size) set.add(mixed(r, 1 + r.nextInt(12)));
            List<String> lits = new ArrayList<>(set);
            LiteralAutomaton a = LiteralAutomaton.of(lits, dense ? Integer.MAX_VALUE : 0);
            assertThat(a.dense()).isEqualTo(dense);
            for (int round = 0; round < 50; round++) {
                String text = mixed(r, 200);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < lits.size(); i++) {
                    for (int at = text.indexOf(lits.get(i)); at >= 0; at = text.indexOf(lits.get(i), at + 1)) expected.add(i);
                }
                assertThat(found(a, text)).as("%d literals in %s", size, text).containsExactlyInAnyOrderElementsOf(expected);
            }
          }
        }
    }

    private static String mixed(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("ab\\\u00e9\u4e2dc".charAt(r.nextInt(6)));
        return b.toString();
    }

    private static String random(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("abc\\".charAt(r.nextInt(4)));
        return b.toString();
    }

    @Test
    void scanningAsciiFoldedReportsWhatScanningTheLowerCasedTextReports() {
        LiteralAutomaton a = LiteralAutomaton.of(java.util.List.of("net user", "user", "/add", "x"));
        String text = "NET USER Bob /ADD x";
        java.util.List<Integer> folded = new java.util.ArrayList<>(), onTheFly = new java.util.ArrayList<>();
        a.scan(text.toLowerCase(java.util.Locale.ROOT), folded::add);
        assertThat(a.scanAsciiFolded(text, onTheFly::add)).isTrue();
        assertThat(onTheFly).isEqualTo(folded).hasSize(4);
        java.util.List<Integer> partial = new java.util.ArrayList<>();
        assertThat(a.scanAsciiFolded("NET USER \u00c9 /ADD", partial::add)).as("stops at the first non-ASCII character").isFalse();
        assertThat(partial).containsExactly(0, 1);
    }
}
