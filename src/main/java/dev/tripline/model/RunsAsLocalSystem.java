package dev.tripline.model;

import java.util.Objects;

/**
 * The account is LOCAL_SYSTEM (NT AUTHORITY\\SYSTEM). Inserted logically by classification rules, so it lives exactly as
 * long as a finding by this account does. Equal per account: a second reason is a second justification,
 * not a second fact.
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

    @Override public boolean equals(Object o) { return o instanceof RunsAsLocalSystem c && c.account.equals(account); }
    @Override public int hashCode() { return account.hashCode(); }
    @Override public String toString() { return "RunsAsLocalSystem[" + account + ": " + reason + "]"; }
}
