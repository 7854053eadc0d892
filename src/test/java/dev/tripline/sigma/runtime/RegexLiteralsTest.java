package dev.tripline.sigma.runtime;

import dev.tripline.model.Text;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegexLiteralsTest {

    @Test
    void aPlainRegexNeedsItsLiteralRunsFoldedAndTheLastCharacterOnlyWhenWhatFollowsIsAscii() {
        // 'ipconfig' is followed by \s (ASCII), so it stays whole; '/all' ends the pattern, so its 'l' may meet a
        // combining mark in the text and is dropped.
        assertThat(RegexLiterals.folded("IPCONFIG\\s+/all", "")).containsExactly(List.of("ipconfig"), List.of("/al"));
        // \s* may match nothing, so what follows '[' is not known: '[' is dropped.
        assertThat(RegexLiterals.folded("\\$PSHome\\[\\s*\\d{1,3}", "")).containsExactly(List.of("$pshome"));
    }

    @Test
    void anAlternationNeedsOneLiteralOfEachBranchAndAnOptionalPartNothing() {
        assertThat(RegexLiterals.folded("(?:certutil|bitsadmin)\\.exe", "")).containsExactly(List.of("certuti", "bitsadmi"), List.of(".ex"));
        assertThat(RegexLiterals.folded("mimikatz|x", "")).as("a branch with no usable literal: nothing").isEmpty();
        assertThat(RegexLiterals.folded("(?:mimikatz)?\\w+", "")).isEmpty();
        assertThat(RegexLiterals.folded("abc(?:defgh)*ijkl", "")).containsExactly(List.of("ijk"));
        assertThat(RegexLiterals.folded("colou?r\\s", "")).containsExactly(List.of("col"));
        assertThat(RegexLiterals.folded("[^\"]{0,64}werfault\\.exe", "")).containsExactly(List.of("werfault.ex"));
    }

    @Test
    void aPatternOfLiteralRunsAndGapsNeedsItsRunsInOrderAndAnythingElseGivesNothing() {
        assertThat(RegexLiterals.inOrder("\\+.*\\+.*\\+", "")).containsExactly("+", "+", "+");
        assertThat(RegexLiterals.inOrder("\\{.*\\{.+?\\{", "i")).as("no letters: case does not matter").containsExactly("{", "{", "{");
        assertThat(RegexLiterals.inOrder("cmd /c.*powershell.+-enc", "")).containsExactly("cmd /c", "powershell", "-enc");
        assertThat(RegexLiterals.inOrder("cmd.*powershell", "i")).as("caseless letters").isEmpty();
        assertThat(RegexLiterals.inOrder("(?i)cmd.*powershell", "")).isEmpty();
        assertThat(RegexLiterals.inOrder("net\\s+user.*add", "")).as("a class").isEmpty();
        assertThat(RegexLiterals.inOrder("ab?c.*d", "")).as("a quantified character").isEmpty();
        assertThat(RegexLiterals.inOrder("^a.*b", "")).as("an anchor").isEmpty();
        assertThat(RegexLiterals.inOrder("a.{0,5}b", "")).as("a bounded gap").isEmpty();
        assertThat(RegexLiterals.inOrder("a|b.*c", "")).as("an alternation").isEmpty();
        assertThat(RegexLiterals.inOrder("powershell", "")).as("one run").isEmpty();
    }

    @Test
    void theRunsInOrderNeverRejectTextTheRegexMatchesAndKeepToOneLineUnlessDotMatchesAll() {
        String[] patterns = {"\\+.*\\+.*\\+.*\\+", "a.*b.+c", "\\{.*\\{.*\\{", "x\\..*\\.y", "ab.*?ab", ".*a.*b.*", "a.+?b.*c"};
        String[] texts = {"", "+", "+++", "+ + +", "+++ +", "a+b+c+d+", "abc", "acb", "ab c", "a\nb\nxc", "{{", "{x{y{",
                "x..y", "x.y", "x. .y", "abab", "aab", "ab ab", "+\n+\n+\n+", "++\n++", "+\n++++", "++++\n", "\n+ + + +",
                "a\nb c\nabc", "ab\nc", "a\nbc", "{\n{{{", "{{\n{", "+ +\n+ + + +\n", "+\r+\r+\r+", "\u00e9+\ud83d\ude00+\ud800++",
                "x.\u2028.y", "a\u0085b\u0085c", "ab\rab"};
        for (String p : patterns) {
            com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(p);
            com.google.re2j.Pattern dotAll = com.google.re2j.Pattern.compile(p, com.google.re2j.Pattern.DOTALL);
            for (String t : texts) {
                assertThat(SigmaMatch.re(t, p, "")).as("%s on %s", p, t).isEqualTo(re.matcher(t).find());
                assertThat(SigmaMatch.re(t, p, "s")).as("%s on %s, dot matches all", p, t).isEqualTo(dotAll.matcher(t).find());
            }
        }
    }

    @Test
    void caselessMatchingEndsARunAtAnSBecauseItAlsoMatchesTheLongS() {
        assertThat(RegexLiterals.folded("(?i)powershell -w", "")).containsExactly(List.of("hell -"), List.of("power"));
        assertThat(RegexLiterals.folded("powershell -w", "i")).containsExactly(List.of("hell -"), List.of("power"));
        assertThat(RegexLiterals.folded("(?i:x)powershell -w", "")).containsExactly(List.of("hell -"), List.of("power"));
        assertThat(RegexLiterals.folded("powershell -w", "")).containsExactly(List.of("powershell -"));
        assertThat(SigmaMatch.re("\u017Fchtasks.exe", "(?i)schtasks", "")).as("RE2 matches s against the long s").isTrue();
        assertThat(Text.fold("\u017Fchtasks.exe")).as("which folding keeps").doesNotContain("schtasks");
    }

    @Test
    void whatItCannotReadGivesNothing() {
        assertThat(RegexLiterals.folded("\\w+`(?:\\w+|-|.)`", "")).isEmpty();
        assertThat(RegexLiterals.folded("abc(def", "")).isEmpty();
        assertThat(RegexLiterals.folded("abcdef)", "")).isEmpty();
        assertThat(RegexLiterals.folded("\\x41\\x42\\x43\\x44", "")).isEmpty();
        assertThat(RegexLiterals.folded("\\p{Greek}+", "")).isEmpty();
    }

    /** Every match, however the text is written, leaves one literal of every clause in the folded text. */
    @Test
    void everyMatchLeavesTheLiteralsInTheFoldedText() {
        String[][] cases = {
                // regex, flags, texts it matches (raw)
                {"net\\s+config", "", "net config", "net  config\u0301", "x net\tconfigure"},
                {"route print", "", "route print\u0301", "route print\u0327\u0301"},
                {"(?i)schtasks /create", "", "SCHTASKS /CREATE", "\u017Fchta\u017Fk\u017F /create", "SCHTAS\u212AS /create"},
                {"(?i)invoke-expression", "", "INVOKE-EXPRESSION", "invo\u212Ae-expre\u017F\u017Fion"},
                {"echo.*clip.*&&", "", "echo x | clip && y", "echo\u0301 clip\u0301 &&\u0301"},
                {"\\Qa.b*c\\E+def", "", "a.b*ccdef"},
                {"abcd$", "", "xxabcd"},
        };
        for (String[] c : cases) {
            List<List<String>> clauses = RegexLiterals.folded(c[0], c[1]);
            assertThat(clauses).as(c[0]).isNotEmpty();
            for (int i = 2; i < c.length; i++) {
                String text = c[i];
                assertThat(SigmaMatch.re(text, c[0], c[1])).as(c[0] + " matches " + text).isTrue();
                String folded = Text.fold(text);
                for (List<String> clause : clauses) {
                    assertThat(clause).as(c[0] + " on " + text + " (folded " + folded + ")").anyMatch(folded::contains);
                }
            }
        }
    }

    @Test
    void rawLiteralsKeepTheirCaseAndLengthButACaselessPatternKeepsNoLetter() {
        assertThat(RegexLiterals.raw("\\w+`(?:\\w+|-|.)`[\\w+|\\s]", "")).containsExactly(List.of("`"));
        assertThat(RegexLiterals.raw("\"(?:\\{\\d\\})+\"\\s*-f", "")).containsExactly(List.of("-f"), List.of("\""), List.of("{"), List.of("}"));
        assertThat(RegexLiterals.raw("(?i)\\$\\{`?e`?n`?v", "")).containsExactly(List.of("${"));
        assertThat(RegexLiterals.raw("IPConfig\\s+/all", "")).containsExactly(List.of("IPConfig"), List.of("/all"));
    }

    /** SigmaMatch.re skips the regex engine only on text no match could be found in. */
    @Test
    void theRawPrecheckNeverChangesAnAnswer() {
        String[] patterns = {"\\w+`(?:\\w+|-|.)`[\\w+|\\s]", "\"(?:\\{\\d\\})+\"\\s*-f", "(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}",
                "ipconfig\\s+/all", "(?i)echo.*clip.*&&.*(?:Clipboard|i`?n`?v`?o`?k`?e`?)", "cmd.{0,5}(?:/c|/r).+powershell"};
        String[] texts = {"", "ipconfig /all", "IPCONFIG /ALL", "po`wer`s hell", "\"{0}{1}\" -f 'a','b'", "${E`NV:PATH}", "${env:path}",
                "ECHO x | CLIP && I`N`VOKE", "cmd /c powershell -nop", "cmd.exe /r x powershell", "cmd /k powershell"};
        int matched = 0;
        for (String p : patterns) {
            for (String t : texts) {
                boolean plain = com.google.re2j.Pattern.compile(p).matcher(t).find();
                assertThat(SigmaMatch.re(t, p, "")).as(p + " on " + t).isEqualTo(plain);
                if (plain) matched++;
            }
        }
        assertThat(matched).as("the texts match some patterns").isGreaterThanOrEqualTo(6);
    }
}
