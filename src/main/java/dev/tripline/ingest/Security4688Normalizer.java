package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

/**
 * Security event 4688 in every layout: flat (NXLog, flattened .evtx, winlogbeat 6, Sentinel's
 * {@code SecurityEvent} table), {@code winlog.event_data} and {@code Event.EventData}.
 *
 * <p>The actor is the account the new process runs as. Windows 10+ reports it as {@code Target*}; older
 * systems, and processes started in the creator's own context, leave Target empty ({@code -}, SID
 * {@code S-1-0-0}) and the creator ({@code Subject*}) is the actor. A machine account {@code HOST$} with
 * SID S-1-5-18 is how 4688 reports LOCAL_SYSTEM and is kept as given.
 *
 * <p>This shape recognizes every Security event; the ones other shapes read (4624, 4672, 4697) are detected
 * before it, and the rest are skipped as events Tripline does not use.
 */
final class Security4688Normalizer implements Normalizer {
    static final String SCHEMA = "security-4688";
    static final int PROCESS_CREATION = 4688;

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSecurityAuditing();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        int id = e.eventId();
        if (id == WinEvent.INVALID_ID) return e.invalidEventId();
        if (id != PROCESS_CREATION && id != WinEvent.NO_ID) return Outcome.skipped(Reasons.otherEvent("process creation", e));
        Account subject = e.account("Subject");
        Account target = e.account("Target");
        boolean runsAsTarget = target.isKnown();
        ProcessEvent.Builder b = ProcessEvent.builder()
                .schema(SCHEMA)
                .source(source)
                .host(e.computer())
                .actor(runsAsTarget ? target : subject)
                .logonId(WindowsIds.logonId(e.data(runsAsTarget ? "TargetLogonId" : "SubjectLogonId")))
                .parentImage(e.data("ParentProcessName"))
                .integrityLevel(WindowsIds.integrityFromLabel(e.data("MandatoryLabel")))
                .processId(WindowsIds.processId(e.data("NewProcessId")))
                .parentProcessId(WindowsIds.processId(e.data("ProcessId")))
                // The creator's account: who started the new process.
                .parentUser(subject.isKnown() ? subject.display() : null);
        // Without the audit setting "Include command line in process creation events" 4688 has no CommandLine:
        // still a process creation, with an empty command line.
        return ProcessEvents.completeWithoutCommandLine(b, e.recordTime(), e.data("NewProcessName"), e.data("CommandLine"));
    }
}
