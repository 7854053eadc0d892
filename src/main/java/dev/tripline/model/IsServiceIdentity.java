package dev.tripline.model;

import java.util.Objects;

/**
 * The account is a service identity: a built-in service account, a virtual or managed service account, or one named like a service account. Inserted logically by classification rules, so it lives exactly as
 * long as a finding by this account does. One fact per (account, reason): each reason is shown in the alert.
 */
public final class IsServiceIdentity {
    private final Account account;
    private final String reason;

    public IsServiceIdentity(Account account, String reason) {
        this.account = Objects.requireNonNull(account);
        this.reason = Objects.requireNonNull(reason);
    }

    public Account getAccount() { return account; }
    public String getReason() { return reason; }

    @Override public boolean equals(Object o) { return o instanceof IsServiceIdentity c && c.account.equals(account) && c.reason.equals(reason); }
    @Override public int hashCode() { return account.hashCode() * 31 + reason.hashCode(); }
    @Override public String toString() { return "IsServiceIdentity[" + account + ": " + reason + "]"; }
}
