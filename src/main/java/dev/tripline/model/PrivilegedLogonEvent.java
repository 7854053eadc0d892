package dev.tripline.model;

/** Security 4672: special privileges (admin-equivalent) were assigned to a new logon session. */
public record PrivilegedLogonEvent(long time, String host, Account account, String logonId, String privileges,
                                   String schema, SourceRef source) implements TimedFact {
    public PrivilegedLogonEvent {
        logonId = LogonId.canonical(logonId);
    }

    @Override public long getTime() { return time; }
    @Override public SourceRef getSource() { return source; }
    public String getHostKey() { return host == null ? "" : Text.fold(host); }
    public Account getAccount() { return account; }
    public String getLogonId() { return logonId; }
    public String getPrivileges() { return privileges; }
}
