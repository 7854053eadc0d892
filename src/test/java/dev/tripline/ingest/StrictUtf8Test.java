package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    @Test
    void aSurrogateEscapeIsNoticedAtEveryPositionAmongOtherBackslashes() {
        for (int pad = 0; pad < 20; pad++) {
            String before = "C:\\\\Windows\\\\".repeat(pad % 3) + "x".repeat(pad);
            assertThat(flags(before + "\\uD83D\\uDE00 tail")).as("pair after %d bytes", before.length()).isTrue();
            assertThat(flags(before + "\\udc00")).as("lone low surrogate ending the text after %d bytes", before.length()).isTrue();
            assertThat(flags(before + "\\u0041 \\\\users \\n\\t")).as("other escapes after %d bytes", before.length()).isFalse();
        }
    }

    @Test
    void whereMarksExactlyTheBytesThatAreTheOneLookedFor() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] pool = {'\\', 'u', 0, 1, 'a', (byte) 0x5C, (byte) 0xDC};
        for (int n = 0; n < 100_000; n++) {
            byte[] b = new byte[8];
            for (int k = 0; k < 8; k++) b[k] = pool[random.nextInt(pool.length)];
            long expected = 0;
            for (int k = 0; k < 8; k++) if (b[k] == '\\') expected |= 0x80L << (8 * k);
            assertThat(Bytes.where(Bytes.word(b, 0), (byte) '\\')).isEqualTo(expected);
        }
    }

    private static boolean flags(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        StrictUtf8 check = new StrictUtf8();
        assertThat(check.check(b, 0, b.length)).isTrue();
        return check.surrogateEscape();
    }
}
