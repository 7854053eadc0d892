package dev.tripline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandKeyTest {

    @Test
    void theKeyNamesNet1AsNetWithoutPathOrExtensionAndOneSpaceBetweenArguments() {
        assertThat(ProcessEvent.commandKey("c:\\windows\\system32\\net1.exe  group \t\"domain admins\"\r\n /domain"))
                .isEqualTo("net group \"domain admins\" /domain");
        assertThat(ProcessEvent.commandKey("\"c:\\program files\\x\\tool.exe\"   -a")).isEqualTo("tool -a");
    }

    /** Against the regex it replaces, on random text over white space and a few other characters. */
    @Test
    void collapsingSpacesIsReplaceAllOfWhiteSpaceRuns() {
        Random r = new Random(3);
        String alphabet = " \t\n\u000B\f\r\u00A0\u2003ab";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String s = b.toString();
            assertThat(ProcessEvent.collapseSpaces(s)).as("[%s]", s).isEqualTo(s.replaceAll("\\s+", " "));
        }
        String plain = "net group x";
        assertThat(ProcessEvent.collapseSpaces(plain)).isSameAs(plain);
    }
}
