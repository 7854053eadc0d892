package dev.tripline.ingest;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import java.util.function.UnaryOperator;

/**
 * Sysmon event 1, whatever layout carried it: the three Sysmon shapes differ only in where the fields sit,
 * which {@link WinEvent} hides. The actor is the event's {@code User}; the account in the record's
 * System part (NXLog {@code AccountName}, evtx {@code UserID}, winlogbeat {@code user}) is the Sysmon service
 * that wrote the log, never the actor.
 */
final class SysmonProcessCreate {
    static final int PROCESS_CREATE = 1;

    private SysmonProcessCreate() {}

    static Outcome normalize(WinEvent e, String schema, SourceRef source, TimeField fallbackTime) {
        return normalize(e, e::data, schema, source, fallbackTime);
    }

    /** {@code data} looks up Sysmon event-data names; winlogbeat passes one that falls back to ECS fields. */
    static Outcome normalize(WinEvent e, UnaryOperator<String> data, String schema, SourceRef source,
                             TimeField fallbackTime) {
        int id = e.eventId();
        if (id == WinEvent.INVALID_ID) return e.invalidEventId();
        if (id != PROCESS_CREATE && id != WinEvent.NO_ID) return Outcome.skipped(Reasons.otherEvent("process creation", e));
        TimeField time = TimeField.prefer(TimeField.of("UtcTime", data.apply("UtcTime")), fallbackTime);
        ProcessEvent.Builder b = ProcessEvent.builder()
                .schema(schema)
                .source(source)
                .host(e.computer())
                .actor(actor(data.apply("User")))
                .logonId(WindowsIds.logonId(data.apply("LogonId")))
                .originalFileName(data.apply("OriginalFileName"))
                .parentImage(data.apply("ParentImage"))
                .parentCommandLine(data.apply("ParentCommandLine"))
                .integrityLevel(data.apply("IntegrityLevel"))
                .processId(WindowsIds.processId(data.apply("ProcessId")))
                .parentProcessId(WindowsIds.processId(data.apply("ParentProcessId")))
                .currentDirectory(data.apply("CurrentDirectory"))
                .parentUser(data.apply("ParentUser"))
                .hashes(data.apply("Hashes"))
                .company(data.apply("Company"))
                .description(data.apply("Description"))
                .product(data.apply("Product"))
                .fileVersion(data.apply("FileVersion"));
        return ProcessEvents.complete(b, time, data.apply("Image"), data.apply("CommandLine"));
    }

    /** Sysmon reports the user as {@code DOMAIN\name} only: the SID stays unknown. */
    private static Account actor(String user) {
        return WindowsIds.qualifiedAccount(user, null);
    }
}
