package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every real process creation in the shared public datasets becomes a ProcessEvent. */
class SharedDatasetsTest {

    @Test
    void everyDatasetLineBecomesAProcessEventThe4688sWithoutCommandLineToo() throws IOException {
        Path datasets = SharedData.require("datasets");
        List<String> files;
        try (Stream<Path> s = Files.list(datasets)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().map(Path::toString).toList();
        }
        RecordingListener out = new RecordingListener();

        Ingest.read(files, Optional.empty(), IngestOptions.defaults(), out);

        assertThat(files).hasSize(5);
        assertThat(out.unreadable).isEmpty();
        assertThat(out.closed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6_892);
        assertThat(out.skipped).isEmpty();
        // 78 OTRF 4688 records (winlogbeat 6, hosts HFDC01/IT001/...) were logged with command-line auditing
        // off: they have no CommandLine field at all. They are still process creations (rules on image, parent
        // and account apply), with an empty command line.
        assertThat(out.rejected).isEmpty();
        assertThat(out.events).hasSize(6_892);
        assertThat(out.events).filteredOn(e -> e.getCommandLine().isEmpty()).hasSize(78)
                .allSatisfy(e -> assertThat(e.getSchema()).isEqualTo("security-4688"));
        // Process creations only: the logon and service shapes take none of them.
        assertThat(out.facts).hasSameSizeAs(out.events);
        System.out.println("dataset events by schema: " + out.eventsBySchema());
    }
}
