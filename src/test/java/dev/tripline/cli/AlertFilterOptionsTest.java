package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --min-severity, --since, --until, --host and --rule choose which alerts are written; the rules still see every
 * event (a correlation forms from detections the filter hides), and the summary counts what was left out.
 * The fixture: net.exe recon on ws01..ws04 (four medium detections) and the spread correlation over them (high).
 */
class AlertFilterOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPREAD = "fixtures/spread-three-hosts-in-an-hour/events.jsonl";
    private static final String SPREAD_RULE = "e8d2c6a4-3b7f-4e19-9c05-1a6f8b2d4e77";
    private static List<JsonNode> all;

    @BeforeAll static void unfiltered() throws Exception {
        all = alerts(CliRun.of("correlate", SPREAD));
        assertThat(all).hasSize(5);
    }

    @Test void minSeverityKeepsTheCorrelationWhoseDetectionsItHides() throws Exception {
        CliRun run = CliRun.of("correlate", "--min-severity", "HIGH", SPREAD);

        assertThat(alerts(run)).singleElement().satisfies(a -> {
            assertThat(a.at("/rule/id").asText()).isEqualTo(SPREAD_RULE);
            assertThat(a.path("events")).hasSize(3);   // raised at the third host
        });
        assertThat(run.err()).contains("1 alert(s) (high 1)").contains("4 alert(s) filtered out");
    }

    @Test void hostMatchesAnyHostOfACorrelation() throws Exception {
        List<JsonNode> kept = alerts(CliRun.of("correlate", "--host", "WS03*", SPREAD));

        assertThat(kept).extracting(a -> a.at("/rule/id").asText() + "@" + a.path("host").asText())
                .containsExactlyInAnyOrder("d95de845-b83c-4a9a-8a6a-4fc802ebf6c0@ws03.corp.local", SPREAD_RULE + "@ws01.corp.local");
    }

    @Test void ruleAndTimeRangeTogether() throws Exception {
        List<String> detectionTimes = all.stream().filter(a -> a.path("kind").asText().equals("detection"))
                .map(a -> a.path("time").asText()).sorted().toList();
        String since = detectionTimes.get(1), until = detectionTimes.get(3);

        CliRun run = CliRun.of("correlate", "--rule", "*net.exe", "--rule", "no-such-rule", "--since", since, "--until", until, SPREAD);

        // --since is inclusive, --until exclusive; the correlation's title does not end in Net.EXE.
        assertThat(alerts(run)).extracting(a -> a.path("time").asText()).containsExactly(detectionTimes.get(1), detectionTimes.get(2));
        assertThat(run.err()).contains("3 alert(s) filtered out");
    }

    @Test void anUnknownLevelOrAnEmptyRangeIsAUsageError() {
        CliRun level = CliRun.of("correlate", "--min-severity", "severe", SPREAD);
        assertThat(level.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(level.err()).contains("unknown --min-severity 'severe'");

        CliRun range = CliRun.of("correlate", "--since", "2024-03-05 10:00", "--until", "2024-03-05", SPREAD);
        assertThat(range.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(range.err()).contains("--until must be after --since");

        CliRun time = CliRun.of("correlate", "--since", "yesterday", SPREAD);
        assertThat(time.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(time.err()).contains("'yesterday' is not a time");
    }

    private static List<JsonNode> alerts(CliRun run) throws Exception {
        assertThat(run.exit()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().lines().toList()) out.add(JSON.readTree(line));
        return out;
    }
}
