package dev.tripline.flink;

import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's wire and state form loses nothing: every fact the normalizers make from the fixtures comes back equal. */
class FlinkEventTest {
    @Test void everyFixtureFactSurvivesTheWireFieldForField() {
        List<TimedFact> facts = new ArrayList<>();
        Ingest.read(List.of("fixtures"), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { facts.add(fact); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        });

        assertThat(facts).extracting(f -> FlinkEvent.of(f).kindOrProcess()).contains(FlinkEvent.Kind.values());
        for (TimedFact f : facts) {
            assertThat(FlinkEvent.of(f).toFact()).as("%s", f.getSource()).usingRecursiveComparison().isEqualTo(f);
        }
    }

    @Test void stateWrittenBeforeKindsExistedReadsAsProcessEvents() {
        FlinkEvent old = new FlinkEvent();
        old.time = 1_709_625_600_000L;
        old.host = "ws01";
        old.actorName = "alice";
        old.commandLine = "net user";
        old.schema = "sysmon";
        old.sourceFile = "events.jsonl";
        old.sourceLine = 7;

        assertThat(old.kindOrProcess()).isEqualTo(FlinkEvent.Kind.PROCESS);
        assertThat(old.toFact()).isInstanceOf(dev.tripline.model.ProcessEvent.class)
                .extracting(TimedFact::getSource).isEqualTo(new SourceRef("events.jsonl", 7));
    }
}
