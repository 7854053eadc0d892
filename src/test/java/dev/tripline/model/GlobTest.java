package dev.tripline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void wildcardsMatchCaseInsensitivelyAndWholeValues() {
        assertThat(new Glob("svc_*").matches("SVC_backup")).isTrue();
        assertThat(new Glob("svc_*").matches("my_svc_backup")).isFalse();
        assertThat(new Glob("*$").matches("WS01$")).isTrue();
        assertThat(new Glob("a?c").matches("aBc")).isTrue();
        assertThat(new Glob("a?c").matches("ac")).isFalse();
        assertThat(new Glob("*").matches("")).isTrue();
        assertThat(new Glob("k*").matches("\u212Aelvin")).as("Unicode case: the Kelvin sign is a k").isTrue();
        assertThat(new Glob("x").matches(null)).isFalse();
    }

    /** The ASCII path against the regex it stands in for, on random patterns and values over a small alphabet. */
    @Test
    void theAsciiMatchAgreesWithTheRegex() {
        Random r = new Random(5);
        for (int n = 0; n < 50_000; n++) {
            String pattern = random(r, "aB*?[.", r.nextInt(7));
            String value = random(r, "AbB[.\n", r.nextInt(9));
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            boolean expected = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL).matcher(value).matches();
            assertThat(Glob.matchesAscii(pattern, value)).as("%s on %s", pattern, value).isEqualTo(expected);
            assertThat(new Glob(pattern).matches(value)).isEqualTo(expected);
        }
    }

    private static String random(Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }
}
