package dev.tripline.flink;

import dev.tripline.model.AllowlistEntry;
import dev.tripline.model.HostRecord;
import dev.tripline.model.IdentityRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job's arguments, and the context files it reads where the job is built. */
class JobOptionsTest {
    @Test void contextAndAllowlistAreReadWhenTheJobIsBuiltAndTravelInTheJobGraph() throws Exception {
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs("--input", "fixtures", "--context", "fixtures/context-inventory-yaml/accounts.yaml",
                "--allowlist", "fixtures/suppression-allowlist/allowlist.yaml", "--show-suppressed");

        List<Object> facts = TriplineJob.contextFacts(o);

        assertThat(o.showSuppressed).isTrue();
        assertThat(facts).hasAtLeastOneElementOfType(IdentityRecord.class).hasAtLeastOneElementOfType(HostRecord.class)
                .hasAtLeastOneElementOfType(AllowlistEntry.class);
        // The operator is Java-serialized into the job graph with these facts inside.
        CorrelateFunction.Settings settings = new CorrelateFunction.Settings(null, null, Duration.ofHours(2), 10, facts, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new CorrelateFunction(settings));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isInstanceOf(CorrelateFunction.class);
        }
    }

    @Test void aBadContextFileFailsTheSubmissionNamingTheFileAndEntry(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("inventory.yaml");
        Files.writeString(bad, "identities:\n  - name: CORP\\svc_app\n    kind: robot\n");
        JobOptions o = new JobOptions().input("fixtures").context(bad.toString());

        assertThatThrownBy(() -> TriplineJob.contextFacts(o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inventory.yaml").hasMessageContaining("identities[1]").hasMessageContaining("robot");
    }

    @Test void aFoldWindowLongerThanAGivenHorizonFailsWhenTheJobIsBuilt() {
        JobOptions o = new JobOptions().input("fixtures").dedupWindow(Duration.ofHours(2));
        o.horizon = Duration.ofHours(1);

        assertThatThrownBy(() -> TriplineJob.alerts(org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(), o))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--dedup-window PT2H is longer than --horizon PT1H");
    }

    @Test void theHorizonIsDerivedFromTheRulesUnlessGiven() {
        JobOptions derived = new JobOptions();
        new CommandLine(derived).parseArgs("--input", "x");
        JobOptions given = new JobOptions();
        new CommandLine(given).parseArgs("--input", "x", "--horizon", "6h");

        assertThat(derived.horizon).isNull();
        assertThat(given.horizon).isEqualTo(Duration.ofHours(6));
    }
}
