package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.PrivilegedLogonEvent;
import dev.tripline.model.SourceRef;

/**
 * Security event 4672, special privileges assigned to a new logon, in every layout {@link WinEvent} reads.
 * The account and session are {@code Subject*} and {@code SubjectLogonId} (4672 has no Target). Windows writes
 * {@code PrivilegeList} one privilege a line, indented with tabs; the fact has them separated by single spaces.
 * A 4672 without a logon id names no session, and is rejected.
 */
final class Security4672Normalizer implements Normalizer {
    static final String SCHEMA = "security-4672";
    static final int SPECIAL_PRIVILEGES = 4672;

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSecurityEvent(SPECIAL_PRIVILEGES, "PrivilegeList");
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        EventTimeCheck checked = EventTimeCheck.of(e, SPECIAL_PRIVILEGES, "privileged logon");
        if (checked.failed()) return checked.stop();
        long millis = checked.millis();
        String logonId = WindowsIds.logonId(e.data("SubjectLogonId"));
        if (logonId == null) return Outcome.rejected(Reasons.of(Reasons.MISSING_LOGON_ID, "SubjectLogonId"));
        return Outcome.accepted(new PrivilegedLogonEvent(millis, e.computer(), e.account("Subject"), logonId,
                privileges(e.data("PrivilegeList")), SCHEMA, source));
    }

    /** {@code "SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege"} → {@code "SeSecurityPrivilege SeBackupPrivilege"}. */
    static String privileges(String list) {
        if (list == null) return null;
        String joined = String.join(" ", list.strip().split("\\s+"));
        return joined.isEmpty() ? null : joined;
    }
}
