package dev.tripline.model;

/**
 * Security 4624, an account logged on: which account, how (logon type: 2 interactive, 3 network, 4 batch,
 * 5 service, 7 unlock, 8 network cleartext, 9 new credentials, 10 RDP, 11 cached), from where, and the logon
 * id that the session's processes carry — so a process event joins its logon session by (host, logon id).
 */
public record LogonEvent(long time, String host, Account account, int logonType, String logonId,
                         String sourceAddress, String workstation, String schema, SourceRef source) implements TimedFact {
    public LogonEvent {
        logonId = LogonId.canonical(logonId);
    }

    @Override public long getTime() { return time; }
    @Override public SourceRef getSource() { return source; }
    public String getHostKey() { return host == null ? "" : Text.fold(host); }
    public Account getAccount() { return account; }
    public int getLogonType() { return logonType; }
    public String getLogonId() { return logonId; }
    public String getSourceAddress() { return sourceAddress; }
    public String getWorkstation() { return workstation; }

    /** "a network logon (type 3) from 10.1.2.3", as alert reasons say it. */
    public String describe() {
        String kind = switch (logonType) {
            case 2 -> "an interactive logon";
            case 3 -> "a network logon";
            case 4 -> "a batch logon";
            case 5 -> "a service logon";
            case 7 -> "an unlock";
            case 8 -> "a network logon with cleartext credentials";
            case 9 -> "a new-credentials logon (runas /netonly)";
            case 10 -> "an RDP session";
            case 11 -> "a cached interactive logon";
            default -> "a logon";
        };
        String from = sourceAddress != null ? " from " + sourceAddress : workstation != null ? " from " + workstation : "";
        return kind + " (type " + logonType + ")" + from;
    }
}
