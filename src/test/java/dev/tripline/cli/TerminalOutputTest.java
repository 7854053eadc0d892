package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.output.OutputFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a terminal gets and a pipe does not: the table by default, colour, the progress line; and --summary's counts. */
class TerminalOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPREAD = "fixtures/spread-three-hosts-in-an-hour/events.jsonl";
    private static final Terminal TTY = new Terminal(true, true, Map.of("TERM", "xterm-256color"));

    private static OutputOptions parse(String... args) {
        CorrelateCommand c = new CorrelateCommand();
        List<String> a = new ArrayList<>(List.of(args));
        a.add("in.jsonl");
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(a.toArray(String[]::new));
        return c.outputOptions;
    }

    @Test void tableOnATerminalJsonLinesElsewhereUnlessAsked() {
        assertThat(parse().format(true)).isEqualTo(OutputFormat.TABLE);
        assertThat(parse().format(false)).isEqualTo(OutputFormat.JSONL);
        assertThat(parse("--format", "csv").format(true)).isEqualTo(OutputFormat.CSV);
        assertThat(parse("--format", "table").format(false)).isEqualTo(OutputFormat.TABLE);
        assertThat(CliRun.of("correlate", "--help").out().replaceAll("\\s+", " "))
                .contains("as a table when it is a terminal, as JSON Lines otherwise");
    }

    @Test void colourOnlyOnATerminalAndNeverUnderNoColorUnlessForced() {
        assertThat(parse().colour(true, TTY)).isTrue();
        assertThat(parse().colour(false, TTY)).as("a pipe").isFalse();
        assertThat(parse().colour(true, new Terminal(true, true, Map.of("NO_COLOR", "1")))).isFalse();
        assertThat(parse().colour(true, new Terminal(true, true, Map.of("NO_COLOR", "")))).as("empty NO_COLOR is unset").isTrue();
        assertThat(parse().colour(true, new Terminal(true, true, Map.of("TERM", "dumb")))).isFalse();
        assertThat(parse("--color=always").colour(false, new Terminal(false, false, Map.of("NO_COLOR", "1")))).isTrue();
        assertThat(parse("--color", "never").colour(true, TTY)).isFalse();
    }

    @Test void progressOnlyOnAnInteractiveStderrOutsideCi() {
        assertThat(OutputOptions.progress(TTY, false)).isTrue();
        assertThat(OutputOptions.progress(TTY, true)).as("--quiet").isFalse();
        assertThat(OutputOptions.progress(new Terminal(true, false, Map.of()), false)).as("stderr piped").isFalse();
        assertThat(OutputOptions.progress(new Terminal(true, true, Map.of("CI", "true")), false)).as("CI").isFalse();
    }

    @Test void theTableIsColouredWhenAskedAndPlainInAPipe() {
        CliRun coloured = CliRun.of("correlate", "--format", "table", "--color=always", SPREAD);
        CliRun plain = CliRun.of("correlate", "--format", "table", SPREAD);

        assertThat(coloured.out()).contains("\u001b[33mmedium   \u001b[0m").contains("\u001b[1;31mhigh     \u001b[0m");
        assertThat(plain.out()).doesNotContain("\u001b").contains(" medium    detection ");
        assertThat(plain.err()).as("no progress line in a pipe").doesNotContain("\r");
    }

    @Test void summaryCountsAlertsByRuleHostAndTechnique() throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (String l : CliRun.of("correlate", SPREAD).out().lines().toList()) alerts.add(JSON.readTree(l));
        long t1087 = alerts.stream().filter(a -> a.at("/rule/tags").toString().contains("attack.t1087.002")).count();

        String err = CliRun.of("correlate", "--summary", SPREAD).err();

        assertThat(err).contains("alerts by rule:", "alerts by host:", "alerts by ATT&CK technique (from rule tags):");
        assertThat(err).containsPattern("\\s4\\s+0\\s+0\\s+4\\s+0\\s+0\\s+Suspicious Group And Account Reconnaissance Activity Using Net.EXE");
        // ws03 has its detection and the spread correlation that covers it.
        assertThat(err).containsPattern("\\s2\\s+0\\s+1\\s+1\\s+0\\s+0\\s+ws03.corp.local");
        assertThat(err).containsPattern("\\s" + t1087 + "\\s.*T1087.002");
    }
}
