package dev.tripline.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;

import java.time.Instant;

/**
 * The alert's JSON form, the contract for machines reading Tripline's output:
 * {@code {"kind","rule":{"id","title","level","tags","falsepositives"},"severity","time","host","user",
 * "reasons":[…],"context":[…],"count","first_seen","last_seen",
 * "events":[{"file","line","schema","time","image","command_line","parent_image",…}]}}; suppressed alerts (shown
 * only with --show-suppressed) add {@code "suppressed":true,"suppressed_reason"}; correlations add {@code "hosts"}.
 */
public final class AlertJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode toJson(Alert a) {
        ObjectNode o = MAPPER.createObjectNode();
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
        for (ProcessEvent e : a.events()) events.add(event(e));
        return o;
    }

    private static ObjectNode event(ProcessEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", e.getSource().file());
        if (e.getSource().hasRecord()) o.put("record", e.getSource().record()); // .evtx: the EventRecordID
        else o.put("line", e.getSource().line());
        o.put("schema", e.getSchema());
        o.put("time", Instant.ofEpochMilli(e.getTime()).toString());
        o.put("image", e.getImage());
        o.put("command_line", e.getCommandLine());
        o.put("parent_image", e.getParentImage());
        o.put("parent_command_line", e.getParentCommandLine());
        o.put("logon_id", e.getLogonId());
        o.put("process_id", e.getProcessId());
        return o;
    }
}
