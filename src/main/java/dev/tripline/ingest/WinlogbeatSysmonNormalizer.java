package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;
import java.util.Map;

/**
 * Sysmon from winlogbeat 7+ and Elastic Agent: {@code winlog.event_data.*} beside ECS fields. Event data is
 * preferred because it is what Sysmon wrote; the ECS copy fills gaps (Elastic Agent drops some event-data
 * fields once mapped). {@code winlog.user} is the Sysmon service account and is never the actor.
 */
final class WinlogbeatSysmonNormalizer implements Normalizer {
    static final String SCHEMA = "winlogbeat";

    /** Where the ECS mapping of the Sysmon integration puts each event-data field. */
    private static final Map<String, String> ECS_FALLBACK = Map.ofEntries(
            Map.entry("Image", "process.executable"),
            Map.entry("CommandLine", "process.command_line"),
            Map.entry("OriginalFileName", "process.pe.original_file_name"),
            Map.entry("ParentImage", "process.parent.executable"),
            Map.entry("ParentCommandLine", "process.parent.command_line"),
            Map.entry("ProcessId", "process.pid"),
            Map.entry("ParentProcessId", "process.parent.pid"),
            Map.entry("CurrentDirectory", "process.working_directory"),
            Map.entry("Company", "process.pe.company"),
            Map.entry("Description", "process.pe.description"),
            Map.entry("Product", "process.pe.product"),
            Map.entry("FileVersion", "process.pe.file_version"),
            Map.entry("LogonId", "winlog.logon.id"));

    @Override public boolean recognizes(JsonNode record) {
        WinEvent e = WinEvent.of(record);
        return e.layout() == WinEvent.Layout.WINLOG && e.isSysmon();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        return SysmonProcessCreate.normalize(e, name -> dataOrEcs(e, record, name), SCHEMA, source, e.recordTime());
    }

    private static String dataOrEcs(WinEvent e, JsonNode record, String name) {
        String v = e.data(name);
        if (v != null) return v;
        if (name.equals("User")) return ecsUser(record);
        String ecs = ECS_FALLBACK.get(name);
        return ecs == null ? null : Fields.pathText(record, ecs);
    }

    /** ECS {@code user.*} is the process's user in the Sysmon integration (not the agent's {@code winlog.user}). */
    private static String ecsUser(JsonNode record) {
        String name = Fields.pathText(record, "user.name");
        if (name == null) return null;
        String domain = Fields.pathText(record, "user.domain");
        return domain == null ? name : domain + "\\" + name;
    }
}
