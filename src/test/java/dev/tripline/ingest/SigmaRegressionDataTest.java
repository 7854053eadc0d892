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

/** SigmaHQ's regression events: pretty-printed evtx dumps, several objects back to back in some files. */
class SigmaRegressionDataTest {

    @Test
    void everyRegressionEventIsReadAsSysmonEvtxAndNoneIsRejected() throws IOException {
        Path root = SharedData.require("sigma/regression_data");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        long expected = 0;
        for (Path f : files) expected += countObjectStarts(f);
        RecordingListener out = new RecordingListener();

        Ingest.read(files.stream().map(Path::toString).toList(), Optional.empty(), IngestOptions.defaults(), out);

        assertThat(files).isNotEmpty();
        assertThat(out.rejected).isEmpty();
        assertThat(out.skipped).isEmpty();
        assertThat(out.unreadable).isEmpty();
        assertThat(out.events).hasSize((int) expected);
        assertThat(out.events).allSatisfy(e -> assertThat(e.getSchema()).isEqualTo("sysmon-evtx"));
    }

    /** Independent count: pretty printers put a top-level object's opening brace alone at column 0. */
    private static long countObjectStarts(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f)) {
            return lines.filter(l -> l.stripTrailing().equals("{")).count();
        }
    }
}
