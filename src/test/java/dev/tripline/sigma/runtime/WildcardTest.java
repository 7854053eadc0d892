package dev.tripline.sigma.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*whoami*|c:\\windows\\whoami.exe /all|true",
            "*whoami*|c:\\windows\\who ami.exe|false",
            "net*group*/domain|net group \"domain admins\" /domain|true",
            "net*group*/domain|net group \"domain admins\" /domain x|false",
            "a*a|a|false",
            "a*a|aa|true",
            "a?c|abc|true",
            "a?c|ac|false",
            "*a?c*|xxabcxx|true",
            "*ab?ab*|abxaab|false",
            "*ab?ab*|abxabxab|true",
            "\\*lit|*lit|true",
            "\\*lit|xlit|false",
            "*|''|true",
            "''|''|true",
            "?|''|false",
    })
    void matchesLikeSigma(String glob, String text, boolean expected) {
        assertThat(Wildcard.compile(glob).matches(text)).isEqualTo(expected);
    }

    /** The segment search agrees with a regular expression on many random patterns and texts over a small alphabet. */
    @Test
    void agreesWithARegexOnRandomPatterns() {
        assertAgreesWithARegex(new Random(42), "ab*?", "ab", 1_000);
    }

    /** The same beyond ASCII: characters of the pattern above U+007F and characters it does not have, both sides. */
    @Test
    void agreesWithARegexOnRandomPatternsBeyondAscii() {
        assertAgreesWithARegex(new Random(7), "aé*?", "aéü", 500);
    }

    private static void assertAgreesWithARegex(Random r, String globAlphabet, String textAlphabet, int minMatches) {
        int disagreements = 0, matches = 0;
        for (int i = 0; i < 20_000; i++) {
            String glob = random(r, globAlphabet, 1 + r.nextInt(8));
            String text = random(r, textAlphabet, r.nextInt(12));
            boolean want = Pattern.compile(toRegex(glob), Pattern.DOTALL).matcher(text).matches();
            if (want) matches++;
            if (Wildcard.compile(glob).matches(text) != want) disagreements++;
        }
        assertThat(matches).as("patterns that match, so both answers are tried").isGreaterThan(minMatches);
        assertThat(disagreements).isZero();
    }

    /** Shift-and over more than one 64-bit word: a '?' segment longer than 64. */
    @Test
    void longSegmentsWithQuestionMarksSpanWords() {
        String seg = "a".repeat(70) + "?" + "b".repeat(10);
        Wildcard w = Wildcard.compile("*" + seg + "*");
        assertThat(w.matches("zz" + "a".repeat(75) + "x" + "b".repeat(10) + "zz")).isTrue();
        assertThat(w.matches("zz" + "a".repeat(69) + "x" + "b".repeat(10) + "zz")).isFalse();
    }

    /**
     * The input that made the old two-pointer matcher quadratic (about 4 s per event on a 1 MB command line): a
     * long run of 'a' never followed by 'b'. Correctness only here; bench/wildcard measures the time.
     */
    @Test
    void adversarialRunIsDecidedCorrectly() {
        String text = "a".repeat(1 << 20);
        assertThat(Wildcard.compile("*" + "a".repeat(5000) + "b*").matches(text)).isFalse();
        assertThat(Wildcard.compile("*" + "a".repeat(5000) + "b*").matches(text + "b")).isTrue();
        assertThat(Wildcard.compile("*" + "a".repeat(5000) + "?b*").matches(text + "b")).isTrue();
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return s.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder s = new StringBuilder();
        for (char c : glob.toCharArray()) s.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        return s.toString();
    }
}
