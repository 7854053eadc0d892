package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --summary and --summary-output: detections grouped as the Sentinel query's summarize groups them. */
class TriageSummaryTest {
    @TempDir Path tmp;

    @Test void detectionsAreGroupedByInitiatingProcessImageAndAccount() throws Exception {
        Path json = tmp.resolve("summary.json");

        CliRun run = CliRun.of("correlate", "--quiet", "--summary", "--summary-output", json.toString(),
                "fixtures/dedup-window-edge", "fixtures/escalation-critical-server-parent");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        // dedup-window-edge: alice under cmd.exe, 4 runs (3 folded into one alert + 1) on one device, one command line
        // once case and spacing are ignored but two spellings kept as written.
        assertThat(rows).filteredOn(r -> r.at("/account").asText().equals("CORP\\alice")).singleElement().satisfies(r -> {
            assertThat(r.at("/initiating_process_file_name").asText()).isEqualTo("cmd.exe");
            assertThat(r.at("/initiating_process_folder").asText()).isEqualTo("C:\\Windows\\System32");
            assertThat(r.at("/file_name").asText()).isEqualTo("net.exe");
            assertThat(r.at("/count").asLong()).isEqualTo(4);
            assertThat(r.at("/devices").asInt()).isEqualTo(1);
            assertThat(r.at("/command_lines")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("net localgroup administrators", "NET LOCALGROUP administrators");
            assertThat(r.at("/first_seen").asText()).isEqualTo("2024-03-05T09:00:00Z");
            assertThat(r.at("/last_seen").asText()).isEqualTo("2024-03-05T10:01:00Z");
        });
        // escalation-critical-server-parent: LOCAL_SYSTEM twice on sql01 under two different parents = two rows.
        assertThat(rows).filteredOn(r -> r.at("/account").asText().equals("NT AUTHORITY\\SYSTEM"))
                .extracting(r -> r.at("/initiating_process_file_name").asText(), r -> r.at("/count").asLong())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sqlservr.exe", 1L),
                        org.assertj.core.groups.Tuple.tuple("services.exe", 1L));
        assertThat(run.err()).contains("triage summary").contains("cmd.exe").contains("sqlservr.exe");
    }

    /** A detection whose log names no parent process shows "-" in the table, never a literal null. */
    @Test void aMissingParentIsADashNotNull() throws Exception {
        Path events = tmp.resolve("no-parent.jsonl");
        java.nio.file.Files.writeString(events, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws01\","
                + "\"UtcTime\":\"2024-03-05 09:00:00.000\",\"Image\":\"C:\\\\Windows\\\\System32\\\\net.exe\","
                + "\"CommandLine\":\"net group \\\"domain admins\\\" /domain\",\"User\":\"CORP\\\\alice\",\"ProcessId\":\"42\"}\n");

        CliRun run = CliRun.of("correlate", "--quiet", "--summary", events.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        String row = run.err().lines().filter(l -> l.contains("net.exe") && !l.contains("cmd:")).findFirst().orElseThrow();
        assertThat(row).doesNotContain("null").containsPattern("^1\\s+1\\s+-\\s+net\\.exe\\s+CORP\\\\alice");
    }
}
