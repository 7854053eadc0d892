package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input line of a bounded job is accounted for in its run summary, with the CLI's counts. */
class RunSummaryTest {
    @RegisterExtension static final MiniClusterExtension MINI = FlinkTestSupport.miniCluster();

    @Test void anEventBeyondTheReorderWindowIsCountedLateAsTheCliCountsIt(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("events.jsonl");
        // 10:00, 10:06 (which moves event time past 10:00), then 09:40: behind what the rules have already seen,
        // beyond the 5-minute reorder window (the watermark bound). One account.
        Files.writeString(input, SyntheticEvents.line(at("10:00"), "ws1.corp.local", "CORP\\dave", "net localgroup administrators", 1) + "\n"
                + SyntheticEvents.line(at("10:06"), "ws1.corp.local", "CORP\\dave", "C:\\Windows\\explorer.exe", 2) + "\n"
                + SyntheticEvents.line(at("09:40"), "ws1.corp.local", "CORP\\dave", "net group \"domain admins\" /domain", 3) + "\n",
                StandardCharsets.UTF_8);
        RunStats cli = cli(input);

        Map<String, Object> counts = job(input);

        assertThat(cli.lateEvents()).as("the CLI's count").isEqualTo(1);
        assertThat(counts).containsEntry("tripline.late", cli.lateEvents()).containsEntry("tripline.behindWatermark", 1L)
                .containsEntry("tripline.alerts", cli.alerts());
        assertThat(cli.alerts()).as("the late event's own detection still fires").isEqualTo(2);
    }

    @Test void aBatchWithBadLinesIsCountedLineForLineAsTheCliCountsIt(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("events.jsonl");
        String good = Files.readString(Path.of("fixtures/seed-net-group-domain-admins/events.jsonl"));
        Files.writeString(input, good
                + "{\"EventID\": 1, \"UtcTime\": \"2024-03-05 09:\n"                  // malformed JSON
                + "{\"hello\": \"an object no shape knows\"}\n"                      // unknown shape
                + "\n", StandardCharsets.UTF_8);                                     // blank
        RunStats cli = cli(input);

        Map<String, Object> counts = job(input);

        assertThat(cli.rejectedCount()).isEqualTo(1);
        assertThat(cli.skippedCount()).isPositive();
        assertThat(counts).containsEntry("tripline.lines", cli.lines()).containsEntry("tripline.events", cli.events())
                .containsEntry("tripline.skipped", cli.skippedCount()).containsEntry("tripline.rejected", cli.rejectedCount())
                .containsEntry("tripline.unreadable", 0L).containsEntry("tripline.alerts", cli.alerts());
        assertThat(TriplineJob.summary(counts)).startsWith("tripline (flink): " + cli.lines() + " lines read, " + cli.events()
                + " events normalized, " + cli.skippedCount() + " skipped, 1 rejected, 0 input(s) unreadable;");
    }

    private static RunStats cli(Path input) throws Exception {
        CompiledRules rules = RuleCompiler.compile(RuleSource.bundled());
        return BatchRun.run(rules, List.of(input.toString()), BatchRun.Options.defaults().withDedupWindow(Duration.ZERO),
                new AlertSink() {
                    @Override public void write(Alert a) {}
                    @Override public void close() {}
                }, InputStream.nullInputStream());
    }

    private static Map<String, Object> job(Path input) throws Exception {
        JobOptions o = new JobOptions().input(input.toString()).parallelism(2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TriplineJob.configure(env, o);
        TriplineJob.alerts(env, o).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("run summary");
        return result.getAllAccumulatorResults();
    }

    private static long at(String hhmm) { return java.time.Instant.parse("2024-03-05T" + hhmm + ":00Z").toEpochMilli(); }
}
