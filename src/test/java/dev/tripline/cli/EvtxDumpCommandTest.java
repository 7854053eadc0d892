package dev.tripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tripline evtx dump}: records as JSON Lines in evtx_dump's layout; what cannot be read is named. */
class EvtxDumpCommandTest {
    private static final String FIXTURE = "fixtures/shape-sysmon-evtx-native/events.evtx";

    @TempDir Path dir;

    @Test
    void dumpsEveryRecordAsOneJsonLineInEvtxDumpsLayout() throws IOException {
        CliRun r = CliRun.of("evtx", "dump", FIXTURE);

        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.at("/Event/System/Provider/#attributes/Name").asText()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(first.at("/Event/System/EventRecordID").asLong()).isEqualTo(21475);
        assertThat(first.at("/Event/EventData/CommandLine").asText()).isEqualTo("net  localgroup administrators");
        assertThat(r.err()).contains(FIXTURE + ": 2 records from 1 chunks (0 unused), 0 problems");
    }

    @Test
    void writesToTheOutputFileAndNamesAFileThatIsNotEvtxWithExitCode4() throws IOException {
        Path notEvtx = Files.writeString(dir.resolve("x.evtx"), "hello");
        Path out = dir.resolve("out.jsonl");

        CliRun r = CliRun.of("evtx", "dump", notEvtx.toString(), FIXTURE, "--output", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(r.err()).contains(notEvtx + ": not an EVTX file (no ElfFile signature)");
        assertThat(Files.readAllLines(out).stream().filter(l -> l.startsWith("{\"Event\""))).hasSize(2);
    }

    @Test
    void correlateReadsEvtxAndCitesEventsByRecord() {
        CliRun r = CliRun.of("correlate", "--format", "table", FIXTURE);

        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains(FIXTURE + "#21475  net  localgroup administrators");
        CliRun json = CliRun.of("correlate", FIXTURE);
        assertThat(json.out()).contains("\"file\":\"" + FIXTURE + "\",\"record\":21475").doesNotContain("\"line\"");
    }
}
