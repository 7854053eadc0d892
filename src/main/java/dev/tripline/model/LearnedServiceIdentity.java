package dev.tripline.model;

/**
 * An account the logs themselves showed to be a service identity (a type-5 service logon, or named as the account of
 * an installed service). Lives for the rest of the session: "from then on". {@code reason} cites the teaching event.
 */
public record LearnedServiceIdentity(Account account, String reason) implements LongLivedContext {
    public Account getAccount() { return account; }
    public String getReason() { return reason; }
}
