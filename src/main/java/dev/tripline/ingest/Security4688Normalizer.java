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
 */
final class Security4688Normalizer implements Normalizer {
    static final String SCHEMA = "security-4688";
    static final int PROCESS_CREATION = 4688;
    private static final String NULL_SID = "S-1-0-0";

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSecurityAuditing();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        int id = e.eventId();
        if (id != PROCESS_CREATION && id != -1) return Outcome.skipped(Reasons.notProcessCreation("Security event", id));
        Account subject = account(e, "Subject");
        Account target = account(e, "Target");
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
        return ProcessEvents.complete(b, e.recordTime(), e.data("NewProcessName"), e.data("CommandLine"));
    }

    /**
     * {@code <prefix>UserName/DomainName/UserSid}; Sentinel rows may carry only {@code <prefix>Account}
     * ({@code DOMAIN\name}). S-1-0-0 is the null SID: "no account", so it becomes an unknown SID.
     */
    private static Account account(WinEvent e, String prefix) {
        String sid = e.data(prefix + "UserSid");
        if (sid != null && sid.trim().equalsIgnoreCase(NULL_SID)) sid = null;
        String name = e.data(prefix + "UserName");
        if (name != null) return new Account(e.data(prefix + "DomainName"), name, sid);
        // Sentinel writes an absent account as "-\-", which Account reads as no domain and no name.
        return WindowsIds.qualifiedAccount(e.data(prefix + "Account"), sid);
    }
}
