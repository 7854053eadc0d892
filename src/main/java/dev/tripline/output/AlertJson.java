package dev.tripline.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The alert's JSON form, the contract for machines reading Tripline's output:
 * {@code {"kind","rule":{"id","title","level","tags","falsepositives"},"severity","time","host","user",
 * "reasons":[…],"context":[…],"count","first_seen","last_seen",
 * "events":[{"file","line","schema","time","image","command_line","parent_image",…}]}}; suppressed alerts (shown
 * only with --show-suppressed) add {@code "suppressed":true,"suppressed_reason"}; correlations add {@code "hosts"}.
 *
 * <p>{@link #write} is the one place the form is spelled out. Writers stream it straight into their output: with
 * many rules a run writes thousands of alerts, each with its events' whole command lines (4 kB on average on
 * real data), and building a tree and then a string for each took a quarter of the session thread.
 * {@link #toJson} is the same form as a tree, for callers that compare or reshape alerts.
 */
public final class AlertJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /** Writes the alert as one JSON object. */
    public static void write(Alert a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", a.kind());
        g.writeObjectFieldStart("rule");
        g.writeStringField("id", a.rule().id());
        g.writeStringField("title", a.rule().title());
        g.writeStringField("level", a.rule().level().label());
        array(g, "tags", a.rule().tags());
        array(g, "falsepositives", a.rule().falsePositives());
        g.writeStringField("name", a.rule().name());
        g.writeEndObject();
        g.writeStringField("severity", a.severity().label());
        g.writeStringField("time", IsoTime.format(a.time()));
        g.writeStringField("host", a.host());
        g.writeStringField("user", a.user().isKnown() ? a.user().display() : null);
        g.writeStringField("user_sid", a.user().getSid());
        array(g, "reasons", a.reasons());
        array(g, "context", a.context());
        if (a.suppressed()) {
            g.writeBooleanField("suppressed", true);
            g.writeStringField("suppressed_reason", a.suppressedBecause());
        }
        g.writeNumberField("count", a.count());
        g.writeStringField("first_seen", IsoTime.format(a.firstSeen()));
        g.writeStringField("last_seen", IsoTime.format(a.lastSeen()));
        if (a.kind().equals("correlation")) {
            array(g, "hosts", a.events().stream().map(ProcessEvent::getHost).distinct().toList());
        }
        g.writeArrayFieldStart("events");
        for (ProcessEvent e : a.events()) event(e, g);
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The alert as a JSON tree, exactly what {@link #write} writes. */
    public static ObjectNode toJson(Alert a) {
        try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
            write(a, buffer);
            return MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: not expected
        }
    }

    /** The alert as one line of JSON (no line break), exactly what {@link #write} writes. */
    public static String toJsonString(Alert a) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(a, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: not expected
        }
        return out.toString();
    }

    private static void array(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private static void event(ProcessEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", e.getSource().file());
        if (e.getSource().hasRecord()) g.writeNumberField("record", e.getSource().record()); // .evtx: the EventRecordID
        else g.writeNumberField("line", e.getSource().line());
        g.writeStringField("schema", e.getSchema());
        g.writeStringField("time", IsoTime.format(e.getTime()));
        g.writeStringField("image", e.getImage());
        g.writeStringField("command_line", e.getCommandLine());
        g.writeStringField("parent_image", e.getParentImage());
        g.writeStringField("parent_command_line", e.getParentCommandLine());
        g.writeStringField("logon_id", e.getLogonId());
        g.writeStringField("process_id", e.getProcessId());
        g.writeEndObject();
    }
}
