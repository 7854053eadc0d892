package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The correlate verb end to end: alerts on stdout, the summary on stderr, exit codes that mean something. */
class CorrelateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED = Path.of("fixtures/seed-net1-localgroup-administrators/events.jsonl");

    @TempDir Path tmp;

    @Test void bundledFixtureGivesOneAlertPerDetectionAndASummary() {
        CliRun run = CliRun.of("correlate", SEED.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().toList()).singleElement().satisfies(line -> {
            JsonNode a = read(line);
            assertThat(a.at("/rule/id").asText()).isEqualTo("d95de845-b83c-4a9a-8a6a-4fc802ebf6c0");
            assertThat(a.at("/rule/level").asText()).isEqualTo("medium");
            assertThat(a.at("/rule/tags").toString()).contains("attack.t1087.002");
            assertThat(a.at("/severity").asText()).isEqualTo("medium");
            assertThat(a.at("/events/0/file").asText()).isEqualTo(SEED.toString());
            assertThat(a.at("/events/0/line").asLong()).isEqualTo(1);
            assertThat(a.at("/events/0/command_line").asText()).isEqualTo("net1 localgroup Administrators");
        });
        assertThat(run.err()).contains("2 lines read, 2 events normalized, 0 skipped, 0 rejected").contains("1 alert(s) (medium 1)");
    }

    @Test void badLinesAreCountedWithTheirPlaceAndTheGoodOnesStillAlert() throws Exception {
        String good = Files.readAllLines(SEED).get(0);
        ObjectNode noTime = (ObjectNode) read(good);
        noTime.remove(List.of("TimeCreated", "UtcTime"));
        ObjectNode noCommandLine = (ObjectNode) read(good);
        noCommandLine.remove("CommandLine");
        ObjectNode later = (ObjectNode) read(good);
        later.put("UtcTime", "2024-03-05 11:00:00.000").put("TimeCreated", "2024-03-05 11:00:00.000000");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        line(bytes, good);                                               // 1 alert
        line(bytes, "{\"EventID\": 1, \"Image\": \"C:\\\\Windows");         // 2 truncated JSON
        line(bytes, "this is not JSON at all");                          // 3
        bytes.write(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}', '\n'}); // 4 invalid UTF-8
        line(bytes, "");                                                 // 5 blank: not an error
        line(bytes, "{\"CommandLine\": \"" + "A".repeat(10 * 1024 * 1024) + "\"}"); // 6 a 10 MB line
        line(bytes, "[1, 2, 3]");                                        // 7 not an object
        line(bytes, "{\"hello\": \"world\"}");                           // 8 unknown shape: skipped
        line(bytes, noTime.toString());                                  // 9
        line(bytes, noCommandLine.toString());                           // 10
        line(bytes, later.toString());                                   // 11 alert
        Path mixed = tmp.resolve("mixed.jsonl");
        Files.write(mixed, bytes.toByteArray());
        Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
        Path missing = tmp.resolve("does-not-exist.jsonl");

        CliRun run = CliRun.of("correlate", mixed.toString(), empty.toString(), missing.toString());

        assertThat(run.alertLines()).isEqualTo(2);
        assertThat(run.out()).contains("\"line\":1,").contains("\"line\":11,");
        assertThat(run.err())
                .contains("11 lines read, 2 events normalized, 1 skipped, 7 rejected")
                .contains("invalid JSON").contains(mixed + ":2").contains(mixed + ":3")
                .contains("invalid UTF-8").contains(mixed + ":4")
                .contains("record too large").contains(mixed + ":6")
                .contains("not a JSON object").contains(mixed + ":7")
                .contains("unknown shape").contains(mixed + ":8")
                .contains("missing time").contains(mixed + ":9")
                .contains("missing command line").contains(mixed + ":10")
                .contains("unreadable: " + missing);
        assertThat(run.exit()).as("an unreadable input is reported in the exit code").isEqualTo(ExitCodes.INPUT_UNREADABLE);
    }

    @Test void strictStopsAtTheFirstRejectedLine() throws Exception {
        Path f = tmp.resolve("bad.jsonl");
        Files.writeString(f, Files.readAllLines(SEED).get(0) + "\nnot json\n");

        CliRun run = CliRun.of("correlate", "--strict", f.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.STRICT_REJECTED);
        assertThat(run.err()).contains("--strict").contains(f + ":2").contains("invalid JSON");
    }

    @Test void rulesThatDoNotCompileAreReportedByFileAndLine() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules/acme"));
        Files.writeString(rules.resolve("broken.drl"), """
                package acme;
                import dev.tripline.model.ProcessEvent;

                rule "a rule with a typo"
                when
                    ProcessEvent( commandLineLower contains "x"
                then
                end
                """);

        CliRun run = CliRun.of("correlate", "--rules", tmp.resolve("rules").toString(), SEED.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.RULES_INVALID);
        assertThat(run.err()).containsPattern(tmp.resolve("rules") + "/acme/broken\\.drl:\\d+(:\\d+)?: error: ");
        assertThat(run.out()).isEmpty();
    }

    @Test void stdinIsReadAsDashAndTableFormatIsForPeople() throws Exception {
        byte[] events = Files.readAllBytes(SEED);

        CliRun run = CliRun.withStdin(new ByteArrayInputStream(events), "correlate", "--format", "table", "-");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("SEVERITY").contains("Suspicious Group And Account Reconnaissance Activity Using Net.EXE")
                .contains("-:1  net1 localgroup Administrators");
    }

    @Test void jsonFormatIsOneArrayAndOutputCanGoToAFile() throws Exception {
        Path out = tmp.resolve("alerts.json");

        CliRun run = CliRun.of("correlate", "--format", "json", "--output", out.toString(), "fixtures/burst-three-in-ten-minutes");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode array = JSON.readTree(out.toFile());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(4);
        assertThat(array).filteredOn(a -> a.at("/kind").asText().equals("correlation")).singleElement()
                .satisfies(c -> assertThat(c.at("/events")).hasSize(3));
    }

    @Test void badOptionsAreUsageErrors() {
        assertThat(CliRun.of("correlate", "--format", "xml", SEED.toString()).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("correlate", "--schema", "syslog", SEED.toString()).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("correlate").exit()).isEqualTo(ExitCodes.USAGE);
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
