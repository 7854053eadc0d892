package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Windows event record seen through the same questions whatever layout its exporter chose: evtx dumps
 * ({@code Event.System} / {@code Event.EventData}), winlogbeat 7+ ({@code winlog.*}), or flat records
 * (NXLog, flattened .evtx, winlogbeat 6, Azure tables whose {@code EventData} is a JSON string).
 * Event data of Azure rows is parsed only when asked for, so recognizing a record stays cheap.
 */
final class WinEvent {
    enum Layout { EVTX_JSON, WINLOG, FLAT }

    private static final String SYSMON_PROVIDER = "Microsoft-Windows-Sysmon";
    private static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";
    private static final String SECURITY_PROVIDER = "Microsoft-Windows-Security-Auditing";

    private final JsonNode record;
    private final Layout layout;
    private final JsonNode system;
    private JsonNode data;

    private WinEvent(JsonNode record, Layout layout, JsonNode system, JsonNode data) {
        this.record = record;
        this.layout = layout;
        this.system = system;
        this.data = data;
    }

    static WinEvent of(JsonNode record) {
        JsonNode event = record.get("Event");
        JsonNode sys = event == null ? null : event.get("System");
        if (sys != null && sys.isObject()) {
            return new WinEvent(record, Layout.EVTX_JSON, sys, event.get("EventData"));
        }
        JsonNode winlog = record.get("winlog");
        if (winlog != null && winlog.isObject()) {
            return new WinEvent(record, Layout.WINLOG, winlog, winlog.get("event_data"));
        }
        return new WinEvent(record, Layout.FLAT, record, null);
    }

    Layout layout() { return layout; }

    String provider() {
        return switch (layout) {
            case EVTX_JSON -> {
                JsonNode p = system.get("Provider");
                yield p == null ? null : Fields.firstText(p.get("#attributes") == null ? p : p.get("#attributes"), "Name");
            }
            case WINLOG -> Fields.text(system, "provider_name");
            case FLAT -> Fields.firstText(record, "ProviderName", "SourceName", "source_name", "Provider", "EventSourceName");
        };
    }

    String channel() {
        return switch (layout) {
            case EVTX_JSON -> Fields.text(system, "Channel");
            case WINLOG -> Fields.text(system, "channel");
            case FLAT -> Fields.firstText(record, "Channel", "log_name");
        };
    }

    /** The event id, or -1 when absent or not a number. */
    int eventId() {
        String id = switch (layout) {
            case EVTX_JSON -> Fields.text(system, "EventID");
            case WINLOG -> Fields.text(system, "event_id");
            case FLAT -> Fields.firstText(record, "EventID", "event_id");
        };
        if (id == null) return -1;
        try {
            return Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    boolean isSysmon() {
        String p = provider();
        if (p != null) return p.equalsIgnoreCase(SYSMON_PROVIDER);
        String c = channel();
        if (c != null) return c.equalsIgnoreCase(SYSMON_CHANNEL);
        // Some converters drop provider and channel; event 1 with Sysmon's own time field is still Sysmon.
        return eventId() == 1 && data("UtcTime") != null;
    }

    boolean isSecurityAuditing() {
        String p = provider();
        if (p != null) return p.equalsIgnoreCase(SECURITY_PROVIDER);
        String c = channel();
        if (c != null) return c.equalsIgnoreCase("Security");
        if (layout == Layout.FLAT && "SecurityEvent".equals(Fields.text(record, "Type"))) return true;
        return eventId() == 4688 && data("NewProcessName") != null;
    }

    /** The host the event happened on; never the collector (winlogbeat-6 {@code host.name}, NXLog {@code host}). */
    String computer() {
        return switch (layout) {
            case EVTX_JSON -> Fields.text(system, "Computer");
            case WINLOG -> Fields.text(system, "computer_name") != null ? Fields.text(system, "computer_name")
                    : Fields.firstPathText(record, "host.name", "host.hostname");
            case FLAT -> Fields.firstText(record, "Computer", "Hostname", "computer_name");
        };
    }

    /** An event-data field ({@code Image}, {@code CommandLine}…). */
    String data(String name) {
        JsonNode d = eventData();
        if (d == null) return null;
        if (d.isObject()) return Fields.text(d, name);
        if (d.isArray()) return namedDataItem(d, name);
        return null;
    }

    /**
     * The record's own time, in order of trust: the event's UTC time, then what the exporter wrote for it.
     * NXLog's {@code EventTime} is the collector's local time without a zone, so it comes last.
     */
    TimeField recordTime() {
        return switch (layout) {
            case EVTX_JSON -> {
                JsonNode tc = system.get("TimeCreated");
                JsonNode attrs = tc == null ? null : tc.get("#attributes");
                yield TimeField.of("SystemTime", Fields.text(attrs, "SystemTime"));
            }
            case WINLOG -> TimeField.of("@timestamp", Fields.text(record, "@timestamp"));
            case FLAT -> TimeField.firstOf(record, "TimeCreated", "@timestamp", "TimeGenerated", "EventTime");
        };
    }

    private JsonNode eventData() {
        if (data == null && layout == Layout.FLAT) {
            JsonNode ed = record.get("EventData");
            data = ed == null ? record : ed.isTextual() ? parseEmbedded(ed.textValue()) : ed.isObject() ? ed : record;
        } else if (data != null && data.isObject() && data.has("Data") && data.get("Data").isArray()) {
            data = data.get("Data"); // evtx → XML → JSON converters that keep <Data Name="…"> as a list
        }
        return data;
    }

    /** Azure's Event/WindowsEvent tables hold EventData as a JSON string. Not JSON → no event data. */
    private JsonNode parseEmbedded(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) return Json.MAPPER.createObjectNode();
        try {
            JsonNode parsed = Json.MAPPER.readTree(t);
            return parsed != null && parsed.isObject() ? parsed : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String namedDataItem(JsonNode items, String name) {
        for (JsonNode item : items) {
            JsonNode attrs = item.get("#attributes");
            String n = Fields.text(attrs != null ? attrs : item, attrs != null ? "Name" : "@Name");
            if (name.equals(n)) return Fields.text(item, "#text");
        }
        return null;
    }
}
