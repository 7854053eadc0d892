package dev.tripline.model;

import java.util.Objects;

/**
 * "This finding deserves at least {@code severity}, because {@code reason}." Escalation rules insert these
 * (logically, so they vanish with their cause); the alert takes the highest and lists every reason.
 */
public final class Escalation {
    private final Finding finding;
    private final Severity severity;
    private final String reason;

    public Escalation(Finding finding, Severity severity, String reason) {
        this.finding = Objects.requireNonNull(finding);
        this.severity = Objects.requireNonNull(severity);
        this.reason = Objects.requireNonNull(reason);
    }

    public Finding getFinding() { return finding; }
    public Severity getSeverity() { return severity; }
    public String getReason() { return reason; }

    @Override public boolean equals(Object o) {
        return o instanceof Escalation e && e.finding == finding && e.severity == severity && e.reason.equals(reason);
    }

    @Override public int hashCode() { return Objects.hash(System.identityHashCode(finding), severity, reason); }

    @Override public String toString() { return "Escalation[" + severity + " " + reason + "]"; }
}
