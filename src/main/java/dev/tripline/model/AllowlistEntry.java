package dev.tripline.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A known-benign pattern ({@code --allowlist FILE}): every condition given must hold (parent image, command
 * line, account, host — wildcards allowed — and an optional time window); {@code reason} is required and is
 * shown on the suppressed alert. Conditions on the process (parent, command line) hold for a correlation only
 * when they hold for every one of its events.
 */
public final class AllowlistEntry implements java.io.Serializable {
    private final Glob parentImage;
    private final Glob commandLine;
    private final Glob account;
    private final Glob host;
    private final Long from;
    private final Long until;
    private final String reason;
    private final String origin;

    public AllowlistEntry(String parentImage, String commandLine, String account, String host, Long from, Long until,
                          String reason, String origin) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("an allowlist entry needs a reason");
        this.parentImage = parentImage == null ? null : new Glob(parentImage);
        this.commandLine = commandLine == null ? null : new Glob(commandLine);
        this.account = account == null ? null : new Glob(account);
        this.host = host == null ? null : new Glob(host);
        this.from = from;
        this.until = until;
        this.reason = reason;
        this.origin = origin;
    }

    public boolean matches(Finding f) {
        if (from != null && f.getTime() < from) return false;
        if (until != null && f.getTime() > until) return false;
        if (account != null && !(account.matches(f.getActor().display()) || account.matches(f.getActor().getName()))) return false;
        if (host != null && !host.matches(f.getHost())) return false;
        for (ProcessEvent e : f.getEvents()) {
            if (parentImage != null && !(parentImage.matches(e.getParentImage()) || parentImage.matches(Text.fileName(e.getParentImage())))) return false;
            if (commandLine != null && !commandLine.matches(e.getCommandLine())) return false;
        }
        return true;
    }

    public String getReason() { return reason; }

    /** "allowlisted: nightly inventory scan (allowlist.yaml)". */
    public String describe() { return reason + " (allowlist " + origin + ")"; }

    @Override public String toString() {
        List<String> parts = new ArrayList<>();
        if (parentImage != null) parts.add("parent=" + parentImage);
        if (commandLine != null) parts.add("command_line=" + commandLine);
        if (account != null) parts.add("account=" + account);
        if (host != null) parts.add("host=" + host);
        return "AllowlistEntry" + parts;
    }
}
