package dev.tripline.model;

import java.util.Objects;

/**
 * A logon session on one host is the LOCAL_SYSTEM session (0x3e7 on every Windows host). Keyed by (host, logon id):
 * a logon id means something only on the host that issued it, so a process of an account in 0x3e7 on one host says
 * nothing about the same account's processes in other sessions or on other hosts. Inserted logically from the
 * detections that ran in it.
 */
public final class LocalSystemSession {
    private final String host;
    private final String logonId;

    /** {@code host} folded as {@link Finding#getHostKey()}, {@code logonId} as {@link LogonId#canonical}. */
    public LocalSystemSession(String host, String logonId) {
        this.host = Objects.requireNonNull(host);
        this.logonId = Objects.requireNonNull(logonId);
    }

    public String getHost() { return host; }
    public String getLogonId() { return logonId; }

    @Override public boolean equals(Object o) { return o instanceof LocalSystemSession s && s.host.equals(host) && s.logonId.equals(logonId); }
    @Override public int hashCode() { return host.hashCode() * 31 + logonId.hashCode(); }
    @Override public String toString() { return "LocalSystemSession[" + host + " " + logonId + "]"; }
}
