package dev.tripline.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.scenario.Scenario;
import dev.tripline.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed alert JSON is the form the writers used to build as a tree: {@link #reference} is that tree code,
 * kept here as the contract, and every alert of every fixture scenario (detections, correlations, suppressed,
 * .evtx records, Unicode) must come out the same through each writer.
 */
class AlertJsonTest {
    static List<Alert> alerts = new ArrayList<>();

    @BeforeAll static void everyFixtureAlert() throws Exception {
        CompiledRules rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
        for (Scenario s : Scenario.all(Path.of("fixtures"))) {
            BatchRun.run(rules, s.eventInputs(), ScenarioRunner.options(s), new AlertSink() {
                @Override public void write(Alert a) { alerts.add(a); }
                @Override public void close() {}
            });
        }
    }

    @Test void theFixturesCoverEveryBranchOfTheForm() {
        assertThat(alerts).hasSizeGreaterThan(50);
        assertThat(alerts).anyMatch(Alert::suppressed).anyMatch(a -> a.kind().equals("correlation"))
                .anyMatch(a -> a.events().get(0).getSource().hasRecord()).anyMatch(a -> !a.user().isKnown() || a.user().getSid() != null);
    }

    @Test void theTreeIsTheReferenceTree() {
        assertThat(alerts).allSatisfy(a -> assertThat(AlertJson.toJson(a)).isEqualTo(reference(a)));
    }

    @Test void oneLineIsTheReferenceTreeWritten() throws Exception {
        for (Alert a : alerts) assertThat(AlertJson.toJsonString(a)).isEqualTo(AlertJson.MAPPER.writeValueAsString(reference(a)));
    }

    @Test void jsonLinesAreTheReferenceTreesOnePerLine() throws Exception {
        StringWriter streamed = new StringWriter();
        try (AlertSink sink = new JsonLinesAlertWriter(streamed)) {
            for (Alert a : alerts) sink.write(a);
        }
        StringBuilder expected = new StringBuilder();
        for (Alert a : alerts) expected.append(AlertJson.MAPPER.writeValueAsString(reference(a))).append('\n');
        assertThat(streamed.toString()).isEqualTo(expected.toString());
    }

    @Test void theJsonArrayIsTheReferenceTreesPrettyPrinted() throws Exception {
        StringWriter streamed = new StringWriter();
        try (AlertSink sink = new JsonArrayAlertWriter(streamed)) {
            for (Alert a : alerts) sink.write(a);
        }
        StringWriter expected = new StringWriter();
        try (JsonGenerator g = AlertJson.MAPPER.getFactory().createGenerator(expected).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (Alert a : alerts) g.writeTree(reference(a));
            g.writeEndArray();
            g.writeRaw('\n');
        }
        assertThat(streamed.toString()).isEqualTo(expected.toString());
    }

    /** How the alert's JSON was built before it was streamed. */
    static ObjectNode reference(Alert a) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        o.put("kind", a.kind());
        ObjectNode rule = o.putObject("rule");
        rule.put("id", a.rule().id());
        rule.put("title", a.rule().title());
        rule.put("level", a.rule().level().label());
        ArrayNode tags = rule.putArray("tags");
        a.rule().tags().forEach(tags::add);
        ArrayNode fps = rule.putArray("falsepositives");
        a.rule().falsePositives().forEach(fps::add);
        rule.put("name", a.rule().name());
        o.put("severity", a.severity().label());
        o.put("time", Instant.ofEpochMilli(a.time()).toString());
        o.put("host", a.host());
        o.put("user", a.user().isKnown() ? a.user().display() : null);
        o.put("user_sid", a.user().getSid());
        ArrayNode reasons = o.putArray("reasons");
        a.reasons().forEach(reasons::add);
        ArrayNode context = o.putArray("context");
        a.context().forEach(context::add);
        if (a.suppressed()) {
            o.put("suppressed", true);
            o.put("suppressed_reason", a.suppressedBecause());
        }
        o.put("count", a.count());
        o.put("first_seen", Instant.ofEpochMilli(a.firstSeen()).toString());
        o.put("last_seen", Instant.ofEpochMilli(a.lastSeen()).toString());
        if (a.kind().equals("correlation")) {
            ArrayNode hosts = o.putArray("hosts");
            a.events().stream().map(ProcessEvent::getHost).distinct().forEach(hosts::add);
        }
        ArrayNode events = o.putArray("events");
        for (ProcessEvent e : a.events()) {
            ObjectNode ev = events.addObject();
            ev.put("file", e.getSource().file());
            if (e.getSource().hasRecord()) ev.put("record", e.getSource().record());
            else ev.put("line", e.getSource().line());
            ev.put("schema", e.getSchema());
            ev.put("time", Instant.ofEpochMilli(e.getTime()).toString());
            ev.put("image", e.getImage());
            ev.put("command_line", e.getCommandLine());
            ev.put("parent_image", e.getParentImage());
            ev.put("parent_command_line", e.getParentCommandLine());
            ev.put("logon_id", e.getLogonId());
            ev.put("process_id", e.getProcessId());
        }
        return o;
    }
}
