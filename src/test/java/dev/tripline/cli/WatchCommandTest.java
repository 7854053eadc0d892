package dev.tripline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code watch} verb as a user runs it: events on stdin, alerts on stdout as they are raised, the run over when
 * stdin ends. (Following a growing file and reloading edited rules are in LiveWatchTest.)
 */
class WatchCommandTest {
    @Test void alertsForEventsOnStdinAreWrittenAsTheyComeAndTheRunEndsWithStdin() throws Exception {
        byte[] events = Files.readAllBytes(Path.of("fixtures/seed-net-group-domain-admins/events.jsonl"));

        CliRun run = CliRun.withStdin(new ByteArrayInputStream(events), "watch", "--poll", "20", "-");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.alertLines()).isPositive();
        assertThat(run.out()).contains("\"id\":\"d95de845-b83c-4a9a-8a6a-4fc802ebf6c0\"").contains("net group");
    }

    @Test void nearMissTheSameEventRunningNotepadRaisesNothing() {
        CliRun recon = CliRun.withStdin(stdin(line("net.exe", "net group \\\"domain admins\\\" /domain")), "watch", "--poll", "20", "-");
        CliRun notepad = CliRun.withStdin(stdin(line("notepad.exe", "notepad.exe notes.txt")), "watch", "--poll", "20", "-");

        assertThat(recon.alertLines()).as(recon.err()).isEqualTo(1);
        assertThat(notepad.exit()).as(notepad.err()).isEqualTo(ExitCodes.OK);
        assertThat(notepad.alertLines()).isZero();
    }

    private static String line(String image, String commandLine) {
        return "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws01\","
                + "\"UtcTime\":\"2024-03-05 09:00:00.000\",\"Image\":\"C:\\\\Windows\\\\System32\\\\" + image + "\","
                + "\"CommandLine\":\"" + commandLine + "\",\"User\":\"CORP\\\\alice\",\"ProcessId\":\"42\"}\n";
    }

    private static ByteArrayInputStream stdin(String text) { return new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

    @Test void rulesThatDoNotCompileStopItBeforeItStartsNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("broken.drl"), "package tripline.broken;\n\nrule \"half a rule\"\nwhen\n    ProcessEvent( \nthen\nend\n");

        CliRun run = CliRun.withStdin(new ByteArrayInputStream(new byte[0]), "watch", "--rules", tmp.toString(), "-");

        assertThat(run.exit()).isEqualTo(ExitCodes.RULES_INVALID);
        assertThat(run.err()).contains("broken.drl:");
    }
}
