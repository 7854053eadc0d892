package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.Account;

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
    private static final String SECURITY_CHANNEL = "Security";
    private static final String SERVICE_CONTROL_MANAGER = "Service Control Manager";
    private static final String SYSTEM_CHANNEL = "System";
    private static final String NULL_SID = "S-1-0-0";

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

    /** {@link #eventId()} of a record without an event id. */
    static final int NO_ID = -1;
    /** {@link #eventId()} of a record whose event id is not one: {@code "abc"}, 1.5, -1, {@code "0x1"}, 1e23, [1,2], true. */
    static final int INVALID_ID = -2;

    /** The event id (0–65535), {@link #NO_ID} when absent, {@link #INVALID_ID} when present but not an event id. */
    int eventId() {
        JsonNode id = switch (layout) {
            case EVTX_JSON -> system.get("EventID");
            case WINLOG -> system.get("event_id");
            case FLAT -> {
                JsonNode v = record.get("EventID");
                yield v == null || v.isNull() ? record.get("event_id") : v;
            }
        };
        return parseEventId(id);
    }

    /** The raw event id as written, for rejection reasons. */
    String rawEventId() {
        JsonNode id = switch (layout) {
            case EVTX_JSON -> system.get("EventID");
            case WINLOG -> system.get("event_id");
            case FLAT -> record.get("EventID") == null || record.get("EventID").isNull() ? record.get("event_id") : record.get("EventID");
        };
        return id == null ? "" : Reasons.abbreviate(id.toString());
    }

    static int parseEventId(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return NO_ID;
        if (v.isObject()) { // evtx dumps: {"#text": 4688, "#attributes": {"Qualifiers": …}}
            v = v.get("#text");
            if (v == null || v.isNull()) return INVALID_ID;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() && v.intValue() >= 0 && v.intValue() <= 0xFFFF ? v.intValue() : INVALID_ID;
        }
        if (!v.isTextual()) return INVALID_ID;
        String s = v.textValue().trim();
        if (s.isEmpty() || s.equals("-")) return NO_ID;
        if (s.length() > 5) return INVALID_ID;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return INVALID_ID;
            n = n * 10 + (c - '0');
        }
        return n <= 0xFFFF ? n : INVALID_ID;
    }

    /** The rejection of a record whose event id is not one. */
    Outcome invalidEventId() {
        return Outcome.rejected(Reasons.of(Reasons.INVALID_EVENT_ID, "EventID " + rawEventId()));
    }

    boolean isSysmon() {
        String p = provider();
        if (p != null) return p.equalsIgnoreCase(SYSMON_PROVIDER);
        String c = channel();
        if (c != null) return c.equalsIgnoreCase(SYSMON_CHANNEL);
        // Some converters drop provider and channel; event 1 with Sysmon's own time field is still Sysmon.
        return eventId() == 1 && data("UtcTime") != null;
    }

    /** Any event of the Security log (the 4688 shape reads them all, to skip the ones Tripline has no use for). */
    boolean isSecurityAuditing() {
        Boolean security = fromSecurityLog();
        if (security != null) return security;
        return eventId() == Security4688Normalizer.PROCESS_CREATION && data("NewProcessName") != null;
    }

    /**
     * A Security event with that id. When the record names neither provider nor channel (some converters drop
     * both), an event-data field that only that event has ({@code telltale}) decides.
     */
    boolean isSecurityEvent(int id, String telltale) {
        if (eventId() != id) return false;
        Boolean security = fromSecurityLog();
        return security != null ? security : data(telltale) != null;
    }

    /** Whether provider, channel or Sentinel's table say Security; null when the record says none of them. */
    private Boolean fromSecurityLog() {
        String p = provider();
        if (p != null) return p.equalsIgnoreCase(SECURITY_PROVIDER);
        String c = channel();
        if (c != null) return c.equalsIgnoreCase(SECURITY_CHANNEL);
        if (layout == Layout.FLAT && "SecurityEvent".equals(Fields.text(record, "Type"))) return true;
        return null;
    }

    /** Any event of the System log or of the Service Control Manager (the 7045 shape reads them all). */
    boolean isSystemLog() {
        String p = provider();
        if (p != null && p.equalsIgnoreCase(SERVICE_CONTROL_MANAGER)) return true;
        String c = channel();
        if (c != null) return c.equalsIgnoreCase(SYSTEM_CHANNEL);
        return p == null && eventId() == System7045Normalizer.SERVICE_INSTALLED
                && data("ImagePath") != null && data("ServiceName") != null;
    }

    /** "Security 4625", "System 7036", "Sysmon 3": which event this is, for skip reasons. */
    String label() {
        String log = isSysmon() ? "Sysmon" : isSecurityAuditing() ? SECURITY_CHANNEL : isSystemLog() ? SYSTEM_CHANNEL
                : channel() != null ? channel() : provider() != null ? provider() : "Windows event";
        int id = eventId();
        return log + " " + (id == NO_ID ? "without event id" : id == INVALID_ID ? "with an invalid event id" : Integer.toString(id));
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

    /**
     * The account the record itself names (evtx {@code System.Security@UserID}, winlogbeat {@code winlog.user},
     * NXLog and flattened .evtx {@code UserID}): whoever the event was logged for, not an event-data account.
     * Flat records give only the SID: their {@code AccountName} may be NXLog's name for it or an event-data field
     * of the same name (7045's service account), so it is not read here.
     */
    Account recordUser() {
        return switch (layout) {
            case EVTX_JSON -> {
                JsonNode security = system.get("Security");
                JsonNode attrs = security == null ? null : security.get("#attributes");
                yield new Account(null, null, Fields.text(attrs != null ? attrs : security, "UserID"));
            }
            case WINLOG -> {
                JsonNode user = system.get("user");
                yield new Account(Fields.text(user, "domain"), Fields.text(user, "name"), Fields.text(user, "identifier"));
            }
            case FLAT -> new Account(null, null, Fields.firstText(record, "UserID", "UserId"));
        };
    }

    /**
     * {@code <prefix>UserName/DomainName/UserSid} of the event data ({@code Subject}, {@code Target}); Sentinel
     * rows may carry only {@code <prefix>Account} ({@code DOMAIN\name}). S-1-0-0 is the null SID, "no account":
     * it becomes an unknown SID.
     */
    Account account(String prefix) {
        String sid = data(prefix + "UserSid");
        if (sid != null && sid.trim().equalsIgnoreCase(NULL_SID)) sid = null;
        String name = data(prefix + "UserName");
        if (name != null) return new Account(data(prefix + "DomainName"), name, sid);
        // Sentinel writes an absent account as "-\-", which Account reads as no domain and no name.
        return WindowsIds.qualifiedAccount(data(prefix + "Account"), sid);
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

    /**
     * Azure's WindowsEvent table holds EventData as a JSON string. Sentinel's SecurityEvent table has the
     * event-data fields as columns and, for some events, EventData as XML: then the columns are read.
     * Broken JSON → no event data.
     */
    private JsonNode parseEmbedded(String text) {
        String t = text.strip();
        if (t.startsWith("<")) return record;
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
