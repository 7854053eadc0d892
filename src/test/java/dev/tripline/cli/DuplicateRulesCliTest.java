package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code correlate --sigma} with a rule the bundled discovery pack also carries (same @id): one copy runs, the user's,
 * stderr says so once, and no alert lists an event twice.
 */
class DuplicateRulesCliTest {
    private static final String WHOAMI_GROUPS = "bd8b828d-0dca-48e1-8a63-8a58ecf2644f";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private Path whoamiEvents(String... times) throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readAllLines(Path.of("fixtures/seed-net-group-domain-admins/events.jsonl")).get(0));
        StringBuilder b = new StringBuilder();
        int record = 0;
        for (String t : times) {
            ObjectNode e = seed.deepCopy();
            e.put("Image", "C:\\Windows\\System32\\whoami.exe").put("OriginalFileName", "whoami.exe").put("CommandLine", "whoami /groups")
                    .put("UtcTime", t).put("TimeCreated", t).put("EventRecordID", String.valueOf(9000 + ++record));
            b.append(JSON.writeValueAsString(e)).append('\n');
        }
        return Files.writeString(tmp.resolve("whoami.jsonl"), b.toString());
    }

    private static Path fixture(String folder) throws Exception {
        return Path.of(DuplicateRulesCliTest.class.getResource("/sigma/" + folder).toURI());
    }

    private static List<JsonNode> alerts(CliRun run, String id) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String l : run.out().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode a = JSON.readTree(l);
            if (l.contains(id)) out.add(a);
        }
        return out;
    }

    @Test
    void aSigmaRuleTheBundledPackAlsoCarriesRunsOnceAndStderrSaysSoOnce() throws Exception {
        Path events = whoamiEvents("2024-03-05 09:00:00.000", "2024-03-05 09:01:00.000");

        CliRun run = CliRun.of("correlate", "--dedup-window", "0s", "--sigma", fixture("duplicates").toString(), events.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.err().lines().filter(l -> l.contains("loaded twice"))).singleElement().satisfies(l ->
                assertThat(l).contains(WHOAMI_GROUPS).contains("whoami_groups_copy.yml"));
        assertThat(alerts(run, WHOAMI_GROUPS)).as("one detection per event, from the user's copy").hasSize(2)
                .allSatisfy(a -> assertThat(a.toString()).contains("Whoami group listing (user copy)"));
    }

    @Test
    void foldedRepeatsCountEventsNotCopiesOfTheRule() throws Exception {
        Path events = whoamiEvents("2024-03-05 09:00:00.000");

        CliRun run = CliRun.of("correlate", "--sigma", fixture("duplicates").toString(), events.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(alerts(run, WHOAMI_GROUPS)).singleElement().satisfies(a -> {
            assertThat(a.path("events")).hasSize(1);
            if (a.has("count")) assertThat(a.path("count").asInt()).isEqualTo(1);
        });
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEventCountCorrelationOverAQuietRuleLoadedTwiceEnds() throws Exception {
        Path events = whoamiEvents("2024-03-05 09:00:00.000", "2024-03-05 09:01:00.000", "2024-03-05 09:02:00.000",
                "2024-03-05 15:00:00.000");

        CliRun run = CliRun.of("correlate", "--sigma", fixture("duplicates-quiet").toString(), events.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(alerts(run, "7c1e2f40-5b7a-4d0e-9a61-0d2b3c4e5f61")).hasSize(1);
    }
}
