package dev.tripline.kjar.command;

import dev.tripline.model.Escalation;

/** One escalation of an alert's finding on the wire: "at least {@code severity}, because {@code reason}". */
public final class RemoteEscalation {
    private String severity;
    private String reason;

    public RemoteEscalation() {}

    static RemoteEscalation of(Escalation e) {
        RemoteEscalation w = new RemoteEscalation();
        w.severity = e.getSeverity().label();
        w.reason = e.getReason();
        return w;
    }

    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
