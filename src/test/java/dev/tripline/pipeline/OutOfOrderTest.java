package dev.tripline.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises about event order: disorder inside the reorder window is absorbed; a later event is
 * still detected but counted late and may miss its correlations; an event far behind the clock starts a new
 * replay segment in which correlations work again.
 */
class OutOfOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "fixtures/burst-three-in-ten-minutes/events.jsonl";
    private static CompiledRules rules;

    @TempDir Path tmp;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    /** The fixture's three burst events, re-timed to the given minutes past 09:00 (in the given order). */
    private Path events(int... minutes) throws Exception {
        List<String> seed = Files.readAllLines(Path.of(SEED));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < minutes.length; i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(seed.get(i % seed.size()));
            String t = String.format("2024-03-05 %02d:%02d:00.000", 9 + minutes[i] / 60, minutes[i] % 60);
            e.put("UtcTime", t).put("TimeCreated", t + "000");
            out.append(e).append('\n');
        }
        return Files.writeString(tmp.resolve("events-" + System.nanoTime() + ".jsonl"), out.toString());
    }

    private record Run(RunStats stats, List<Alert> alerts) {
        long correlations() { return alerts.stream().filter(a -> a.kind().equals("correlation")).count(); }
        long detections() { return alerts.stream().filter(a -> a.kind().equals("detection")).count(); }
    }

    private static Run run(Path file, BatchRun.Options options) {
        List<Alert> alerts = new ArrayList<>();
        RunStats stats = BatchRun.run(rules, List.of(file.toString()), options.withDedupWindow(java.time.Duration.ZERO), new AlertSink() {
            @Override public void write(Alert a) { alerts.add(a); }
            @Override public void close() {}
        });
        return new Run(stats, alerts);
    }

    @Test void disorderInsideTheReorderWindowIsAbsorbed() throws Exception {
        Run r = run(events(7, 0, 3), BatchRun.Options.defaults());

        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.detections()).isEqualTo(3);
        assertThat(r.correlations()).isEqualTo(1);
    }

    @Test void aLateEventIsStillDetectedCountedAndCorrelated() throws Exception {
        // With no reorder window, the 09:03 event arrives after the clock reached 09:07: late by 4 minutes.
        Run late = run(events(0, 7, 3), BatchRun.Options.defaults().withReorderWindow(java.time.Duration.ZERO));

        assertThat(late.stats().lateEvents()).isEqualTo(1);
        assertThat(late.detections()).as("single-event rules fire on late events").isEqualTo(3);
        // The burst counts distinct commands in the per-key tally, which the late 09:03 event joins like any other:
        // three distinct commands within 10 minutes (09:00, 09:03, 09:07) are the burst, whatever their order.
        assertThat(late.correlations()).isEqualTo(1);

        Run absorbed = run(events(0, 7, 3), BatchRun.Options.defaults());
        assertThat(absorbed.correlations()).as("the default 5-minute window absorbs the same disorder").isEqualTo(1);
    }

    @Test void anEventFarBehindTheClockStartsANewSegmentWhereCorrelationsWorkAgain() throws Exception {
        // 12:00 first (another recording), then the three burst events at 09:00–09:07: three hours behind.
        Run r = run(events(180, 0, 3, 7), BatchRun.Options.defaults().withReorderWindow(java.time.Duration.ZERO));

        assertThat(r.stats().segments()).isEqualTo(2);
        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.detections()).isEqualTo(4);
        assertThat(r.correlations()).isEqualTo(1);
    }
}
