package dev.tripline.model;

import java.util.Objects;

/**
 * The account is LOCAL_SYSTEM (NT AUTHORITY\SYSTEM). Inserted logically by classification rules, so it lives exactly as
 * long as a finding by this account does. One fact per (account, reason): each reason is shown in the alert.
 */
public final class RunsAsLocalSystem {
    private final Account account;
    private final String reason;

    public RunsAsLocalSystem(Account account, String reason) {
        this.account = Objects.requireNonNull(account);
        this.reason = Objects.requireNonNull(reason);
    }

    public Account getAccount() { return account; }
    public String getReason() { return reason; }

    @Override public boolean equals(Object o) { return o instanceof RunsAsLocalSystem c && c.account.equals(account) && c.reason.equals(reason); }
    @Override public int hashCode() { return account.hashCode() * 31 + reason.hashCode(); }
    @Override public String toString() { return "RunsAsLocalSystem[" + account + ": " + reason + "]"; }
}
