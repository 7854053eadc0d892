package dev.tripline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.output.AlertSink;
import dev.tripline.output.OutputFormat;
import dev.tripline.output.RunStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many inputs are one timeline: per-host exports covering the same hours correlate as if they were one log, a
 * rewind is one input going back in time (not the next file starting), and alerts come out in time order.
 */
class TimelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "fixtures/spread-three-hosts-in-an-hour/events.jsonl";
    private static final String SPREAD = "e8d2c6a4-3b7f-4e19-9c05-1a6f8b2d4e77";
    private static CompiledRules rules;

    @TempDir Path tmp;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    /** One Sysmon process start: eve on {@code host} running {@code command} at {@code minutes} past 09:00. */
    private static String event(String host, int minutes, String command) throws Exception {
        ObjectNode e = (ObjectNode) JSON.readTree(Files.readAllLines(Path.of(SEED)).get(1));
        String t = String.format("2024-03-05 %02d:%02d:00.000", 9 + minutes / 60, minutes % 60);
        e.put("UtcTime", t).put("TimeCreated", t + "000").put("Computer", host).put("User", "CORP\\eve")
                .put("CommandLine", command);
        return e + "\n";
    }

    private Path file(String name, String... lines) throws Exception {
        return Files.writeString(tmp.resolve(name), String.join("", lines));
    }

    private record Run(RunStats stats, List<Alert> alerts) {
        List<Alert> spreads() { return alerts.stream().filter(a -> a.rule().id().equals(SPREAD)).toList(); }
        long detections() { return alerts.stream().filter(a -> a.kind().equals("detection")).count(); }
    }

    private static Run run(List<Path> inputs, BatchRun.Options options) {
        return run(inputs, options, AlertTimeline.DEFAULT_MAX_HELD_EVENTS);
    }

    private static Run run(List<Path> inputs, BatchRun.Options options, int maxHeldAlertEvents) {
        List<Alert> alerts = new ArrayList<>();
        RunStats stats = BatchRun.run(rules, inputs.stream().map(Path::toString).toList(), options, collect(alerts),
                InputStream.nullInputStream(), maxHeldAlertEvents);
        return new Run(stats, alerts);
    }

    private static AlertSink collect(List<Alert> alerts) {
        return new AlertSink() {
            @Override public void write(Alert a) { alerts.add(a); }
            @Override public void close() {}
        };
    }

    private static final String LOCALGROUP = "net localgroup Administrators";
    private static final String ACCOUNTS = "net accounts /domain";

    @Test void perHostExportsGiveTheSpreadAlertAConcatenationGives() throws Exception {
        // One export per host, each covering the whole day: eve on three hosts within 40 minutes. Read one after
        // another, the second file would start more than the rewind threshold (2h) behind the first one's end.
        Path ws01 = file("ws01.jsonl", event("ws01", 0, LOCALGROUP), event("ws01", 200, ACCOUNTS));
        Path ws02 = file("ws02.jsonl", event("ws02", 20, LOCALGROUP), event("ws02", 300, ACCOUNTS));
        Path ws03 = file("ws03.jsonl", event("ws03", 40, LOCALGROUP), event("ws03", 400, ACCOUNTS));

        Run r = run(List.of(ws01, ws02, ws03), BatchRun.Options.defaults());

        assertThat(r.spreads()).hasSize(1);
        assertThat(r.spreads().get(0).events()).extracting(ProcessEvent::getHost).containsExactly("ws01", "ws02", "ws03");
        assertThat(r.stats().segments()).as("no file is a rewind of another").isEqualTo(1);
        assertThat(r.stats().inputs()).isEqualTo(3);
        assertThat(r.stats().lines()).isEqualTo(6);
        assertThat(r.stats().events()).isEqualTo(6);
    }

    @Test void perHostExportsSpreadOverMoreThanAnHourGiveNoSpread() throws Exception {
        Path ws01 = file("ws01.jsonl", event("ws01", 0, LOCALGROUP));
        Path ws02 = file("ws02.jsonl", event("ws02", 30, LOCALGROUP));
        Path ws03 = file("ws03.jsonl", event("ws03", 61, LOCALGROUP));

        Run r = run(List.of(ws01, ws02, ws03), BatchRun.Options.defaults());

        assertThat(r.detections()).isEqualTo(3);
        assertThat(r.spreads()).isEmpty();
    }

    @Test void aFolderOfGzippedExportsAndStdinAreOneTimeline() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("collection"));
        try (var gz = new GZIPOutputStream(Files.newOutputStream(folder.resolve("ws01.jsonl.gz")))) {
            gz.write(event("ws01", 0, LOCALGROUP).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("ws02.jsonl"), event("ws02", 20, LOCALGROUP));
        Files.writeString(folder.resolve("README.txt"), "not events");
        InputStream stdin = new ByteArrayInputStream(event("ws03", 10, LOCALGROUP).getBytes(StandardCharsets.UTF_8));
        List<Alert> alerts = new ArrayList<>();

        RunStats stats = BatchRun.run(rules, List.of(folder.toString(), "-"), BatchRun.Options.defaults(), collect(alerts), stdin);

        assertThat(alerts).filteredOn(a -> a.rule().id().equals(SPREAD)).singleElement()
                .satisfies(a -> assertThat(a.events()).extracting(ProcessEvent::getHost).containsExactly("ws01", "ws03", "ws02"));
        assertThat(stats.inputs()).isEqualTo(3);
        assertThat(stats.skippedCount()).as("a file that is not an event export is not a line").isZero();
        assertThat(stats.notes()).as("the README beside the exports is named once").singleElement()
                .asString().contains("1 file(s) not read").contains("README.txt");
    }

    @Test void alertsComeOutInTimeOrderAcrossInputsWithEventsInTimeOrder() throws Exception {
        // The default one-hour folding holds each detection for an hour, the spread fires at once: in release order
        // the spread (09:40) would come before the detections it cites. Inputs are listed latest host first.
        Path ws03 = file("ws03.jsonl", event("ws03", 40, LOCALGROUP), event("ws03", 290, ACCOUNTS));
        Path ws02 = file("ws02.jsonl", event("ws02", 20, LOCALGROUP), event("ws02", 150, ACCOUNTS));
        Path ws01 = file("ws01.jsonl", event("ws01", 0, LOCALGROUP), event("ws01", 220, ACCOUNTS));

        Run r = run(List.of(ws03, ws02, ws01), BatchRun.Options.defaults());

        assertThat(r.alerts()).extracting(Alert::time).isSorted();
        assertThat(r.alerts()).extracting(a -> a.host() + " " + a.kind()).containsExactly(
                "ws01 detection", "ws02 detection", "ws03 detection", "ws01 correlation",
                "ws02 detection", "ws01 detection", "ws03 detection");
        for (Alert a : r.alerts()) assertThat(a.events()).extracting(ProcessEvent::getTime).isSorted();
    }

    @Test void tableAndJsonOutputsFollowTheTimeline() throws Exception {
        Path late = file("late.jsonl", event("ws09", 50, LOCALGROUP));
        Path early = file("early.jsonl", event("ws01", 5, LOCALGROUP));
        for (OutputFormat format : List.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.JSONL)) {
            StringWriter out = new StringWriter();
            try (AlertSink sink = format.open(out)) {
                BatchRun.run(rules, List.of(late.toString(), early.toString()), BatchRun.Options.defaults(), sink,
                        InputStream.nullInputStream());
            }
            String text = out.toString();
            assertThat(text.indexOf("ws01")).as(format.name()).isPositive().isLessThan(text.indexOf("ws09"));
        }
    }

    @Test void aRewindIsOneInputGoingBackInTimeAndIsStillCounted() throws Exception {
        // ws01's export holds two recordings (13:00, then 09:00 again); the other hosts' exports do not rewind.
        Path ws01 = file("ws01.jsonl", event("ws01", 240, ACCOUNTS), event("ws01", 0, LOCALGROUP));
        Path ws02 = file("ws02.jsonl", event("ws02", 20, LOCALGROUP));
        Path ws03 = file("ws03.jsonl", event("ws03", 40, LOCALGROUP));

        Run r = run(List.of(ws01, ws02, ws03), BatchRun.Options.defaults());

        assertThat(r.stats().segments()).isEqualTo(2);
        assertThat(r.stats().lateEvents()).as("the second recording is replayed, not inserted late").isZero();
        assertThat(r.detections()).isEqualTo(4);
    }

    @Test void heldAlertsMayTakeATenthOfTheHeapBeforeTheySpill() {
        assertThat(AlertTimeline.defaultMaxHeldEvents(64L << 20)).isEqualTo(AlertTimeline.MIN_MAX_HELD_EVENTS);
        assertThat(AlertTimeline.defaultMaxHeldEvents(256L << 20)).isEqualTo((256L << 20) / 10 / 2_560);
        assertThat(AlertTimeline.defaultMaxHeldEvents(4L << 30)).isEqualTo(167_772);
        assertThat(AlertTimeline.defaultMaxHeldEvents(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test void alertsSpilledToDiskComeBackIdenticalAndInOrder() throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (int h = 0; h < 6; h++) {
            StringBuilder lines = new StringBuilder();
            for (int m = h; m < 300; m += 7) lines.append(event("ws0" + h, m, m % 2 == 0 ? LOCALGROUP : ACCOUNTS));
            inputs.add(file("host" + h + ".jsonl", lines.toString()));
        }
        BatchRun.Options options = BatchRun.Options.defaults().withDedupWindow(Duration.ofMinutes(10));

        Run inMemory = run(inputs, options);
        Run spilled = run(inputs, options, 3);

        assertThat(inMemory.alerts()).hasSizeGreaterThan(40);
        assertThat(json(spilled.alerts())).isEqualTo(json(inMemory.alerts()));
        assertThat(spilled.alerts()).extracting(Alert::time).isSorted();
    }

    @Test void spilledRunsLongerThanOneStreamResetComeBackIdentical() throws Exception {
        // Each spilled run holds several hundred alerts, more than the stream writes between two resets. One host
        // per event, so that no two alerts fold into one.
        List<Path> inputs = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            StringBuilder lines = new StringBuilder();
            for (int m = 0; m < 840; m++) lines.append(event("ws" + h + "-" + m, m, m % 2 == 0 ? LOCALGROUP : ACCOUNTS));
            inputs.add(file("host" + h + ".jsonl", lines.toString()));
        }
        Run inMemory = run(inputs, BatchRun.Options.defaults());
        Run spilled = run(inputs, BatchRun.Options.defaults(), 1_500);

        assertThat(inMemory.alerts().size()).isGreaterThan(3_000);
        assertThat(json(spilled.alerts())).isEqualTo(json(inMemory.alerts()));
    }

    private static List<JsonNode> json(List<Alert> alerts) throws Exception {
        StringWriter out = new StringWriter();
        try (AlertSink sink = OutputFormat.JSONL.open(out)) {
            for (Alert a : alerts) sink.write(a);
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) nodes.add(JSON.readTree(line));
        return nodes;
    }
}
