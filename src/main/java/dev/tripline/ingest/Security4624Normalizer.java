package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.LogonEvent;
import dev.tripline.model.SourceRef;

/**
 * Security event 4624, an account logged on, in every layout {@link WinEvent} reads.
 *
 * <p>The account is {@code Target*}: the account that logged on. {@code Subject*} is the service that processed
 * the logon (the machine account, {@code -} for network logons) and is not kept. The logon id is
 * {@code TargetLogonId}, the id the session's processes carry (4688 {@code TargetLogonId}/{@code SubjectLogonId},
 * Sysmon {@code LogonId}), so process events join their session by (host, logon id). {@code IpAddress} and
 * {@code WorkstationName} are kept as written ({@code ::1} and {@code 127.0.0.1} included); {@code -} means none.
 * A 4624 without logon type or logon id cannot say how or which session, and is rejected.
 */
final class Security4624Normalizer implements Normalizer {
    static final String SCHEMA = "security-4624";
    static final int LOGON = 4624;

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSecurityEvent(LOGON, "LogonType");
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        EventTimeCheck checked = EventTimeCheck.of(e, LOGON, "logon");
        if (checked.failed()) return checked.stop();
        long millis = checked.millis();
        String rawType = e.data("LogonType");
        if (rawType == null) return Outcome.rejected(Reasons.MISSING_LOGON_TYPE);
        int logonType;
        try {
            logonType = Integer.parseInt(rawType.trim());
        } catch (NumberFormatException notANumber) {
            return Outcome.rejected(Reasons.of(Reasons.UNPARSEABLE_LOGON_TYPE, "LogonType '" + rawType + "'"));
        }
        String logonId = WindowsIds.logonId(e.data("TargetLogonId"));
        if (logonId == null) return Outcome.rejected(Reasons.of(Reasons.MISSING_LOGON_ID, "TargetLogonId"));
        return Outcome.accepted(new LogonEvent(millis, e.computer(), e.account("Target"), logonType, logonId,
                e.data("IpAddress"), e.data("WorkstationName"), SCHEMA, source));
    }
}
