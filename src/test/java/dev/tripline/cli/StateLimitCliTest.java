package dev.tripline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --max-state}: a run past its state limit completes, alerts on every detection and says what it let go. */
class StateLimitCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED = Path.of("fixtures/seed-net1-localgroup-administrators/events.jsonl");

    @TempDir Path tmp;

    /** {@code n} copies of the seed detection, each by another account on another host, 100 ms apart. */
    private Path distinctKeys(int n) throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readAllLines(SEED).get(0));
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String at = t0.plusMillis(i * 100L).toString().replace('T', ' ').replace("Z", "");
            ObjectNode r = seed.deepCopy();
            r.put("UtcTime", at).put("Computer", "ws" + i + ".corp.local").put("User", "CORP\\user" + i);
            lines.add(r.toString());
        }
        Path f = tmp.resolve("distinct.jsonl");
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    @Test void aRunPastItsLimitCompletesAndSaysWhatItLetGo() throws Exception {
        Path f = distinctKeys(1_500);

        CliRun limited = CliRun.of("correlate", "--format", "jsonl", "--max-state", "300", f.toString());
        CliRun roomy = CliRun.of("correlate", "--format", "jsonl", f.toString());

        assertThat(limited.exit()).isEqualTo(ExitCodes.OK);
        assertThat(limited.alertLines()).as("every detection still alerts").isEqualTo(roomy.alertLines()).isEqualTo(1_500);
        assertThat(limited.err()).contains("state limit:").contains("HostTally").contains("correlations over them may be missed");
        assertThat(roomy.err()).as("under the default limit nothing is let go").doesNotContain("state limit:");
    }

    @Test void aLimitBelowOneIsAUsageError() {
        CliRun run = CliRun.of("correlate", "--max-state", "0", SEED.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--max-state must be at least 1");
    }
}
