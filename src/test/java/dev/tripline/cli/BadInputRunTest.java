package dev.tripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input through the whole correlate run: what the user sees, and what still alerts. */
class BadInputRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED = Path.of("fixtures/seed-net1-localgroup-administrators/events.jsonl");
    private static final Path BURST = Path.of("fixtures/burst-three-in-ten-minutes/events.jsonl");
    private static final String CORRELATION = "\"kind\":\"correlation\"";

    @TempDir Path tmp;

    private Path write(String name, List<String> lines) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private static String at(String line, String utcTime) throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(line);
        r.put("UtcTime", utcTime).put("TimeCreated", utcTime);
        r.put("CommandLine", "whoami /all");
        return r.toString();
    }

    @Test void strictStillAlertsOnTheEventsBeforeTheRejectedLine() throws Exception {
        Path f = write("bad.jsonl", List.of(Files.readAllLines(SEED).get(0), "not json", Files.readAllLines(SEED).get(0)));

        CliRun run = CliRun.of("correlate", "--strict", f.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.STRICT_REJECTED);
        assertThat(run.err()).contains(f + ":2").contains("invalid JSON");
        assertThat(run.alertLines()).as("the detection of line 1, flushed before stopping").isEqualTo(1);
        assertThat(run.out()).contains("\"line\":1,").doesNotContain("\"line\":3,");
    }

    @Test void aForgedFarFutureOrFarPastRecordDoesNotSplitTheBurst() throws Exception {
        List<String> burst = Files.readAllLines(BURST);
        for (String forged : List.of("9999-12-31 23:59:59.999", "1601-01-01 00:00:00.000")) {
            List<String> lines = new ArrayList<>(burst);
            lines.add(1, at(burst.get(0), forged));
            Path f = write("forged.jsonl", lines);

            CliRun run = CliRun.of("correlate", f.toString());

            assertThat(run.out()).as("forged %s", forged).contains(CORRELATION);
            assertThat(run.err()).contains("implausible time").contains(f + ":2").doesNotContain("rewound");
            assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test void nearMissTwoCommandsAndAForgedRecordAreNoBurst() throws Exception {
        List<String> burst = Files.readAllLines(BURST);
        Path f = write("forged.jsonl", List.of(burst.get(0), at(burst.get(0), "9999-12-31 23:59:59.999"), burst.get(1)));

        CliRun run = CliRun.of("correlate", f.toString());

        assertThat(run.out()).doesNotContain(CORRELATION);
        assertThat(run.alertLines()).isEqualTo(2);
    }

    @Test void everyLineIsNormalizedSkippedRejectedOrBlankInTheSummary() throws Exception {
        String good = Files.readAllLines(SEED).get(0);
        byte[] nul = {0, 'A', 0, 0, '{', '}', '\n'};
        Path f = tmp.resolve("mixed.jsonl");
        Files.write(f, (good + "\n\n{\"hello\":\"world\"}\n" + good + good + "\n   \n").getBytes(StandardCharsets.UTF_8));
        Files.write(f, nul, java.nio.file.StandardOpenOption.APPEND);

        CliRun run = CliRun.of("correlate", f.toString());

        Matcher m = Pattern.compile("(\\d+) lines read, (\\d+) events normalized, (\\d+) skipped, (\\d+) rejected, (\\d+) blank").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        long lines = Long.parseLong(m.group(1));
        assertThat(lines).isEqualTo(6);
        assertThat(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)) + Long.parseLong(m.group(5))).isEqualTo(lines);
        assertThat(m.group(2)).isEqualTo("1");
        assertThat(m.group(4)).as("two values on one line and the NUL line").isEqualTo("2");
        assertThat(m.group(5)).isEqualTo("2");
        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    }

    @Test void aBinaryFileIsOneClearMessageAndExit4() throws Exception {
        Path evtx = tmp.resolve("collection.zip");
        byte[] body = new byte[8192];
        new java.util.Random(1).nextBytes(body);
        Files.write(evtx, new byte[] {'P', 'K', 3, 4});
        Files.write(evtx, body, java.nio.file.StandardOpenOption.APPEND);

        CliRun run = CliRun.of("correlate", evtx.toString(), SEED.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(run.err()).contains(evtx + " (not event text: a ZIP archive")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("rejected:");
        assertThat(run.alertLines()).as("the other input is still read").isEqualTo(1);
    }

    @Test void anEmptyFolderSaysItHoldsNoEventFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("triage"));
        Files.writeString(folder.resolve("README.txt"), "collected by …\n");

        CliRun run = CliRun.of("correlate", folder.toString());

        assertThat(run.err()).contains("note: " + folder + ": 1 file(s) not read").contains("holds no event files")
                .contains("0 lines read");
    }

    @Test void processEventsWithoutACommandLineAreEventsAndNotedOnce() throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/shapes/security-4688.json")));
        r.remove("CommandLine");
        Path f = write("4688.jsonl", List.of(r.toString(), r.toString()));

        CliRun run = CliRun.of("correlate", f.toString());

        assertThat(run.err()).contains("2 events normalized, 0 skipped, 0 rejected")
                .contains("2 process event(s) had no command line").contains("Include command line in process creation events");
        assertThat(run.err().split("had no command line", -1)).hasSize(2);
    }
}
