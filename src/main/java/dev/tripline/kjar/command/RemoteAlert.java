package dev.tripline.kjar.command;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.Escalation;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * One alert as {@link TakeAlerts} returns it: the firing that made it, the finding's kind, its rule's metadata, the final severity and
 * reasons (computed as Tripline does), the escalations behind them, context notes, the suppression reason (null when
 * not suppressed) and the events. Plain strings, numbers and lists only, so any marshaller writes it.
 */
public final class RemoteAlert {
    private long firing;
    private String kind;
    private RemoteRule rule;
    private String severity;
    private long time;
    private String host;
    private String userDomain, userName, userSid;
    private ArrayList<String> reasons = new ArrayList<>();
    private ArrayList<RemoteEscalation> escalations = new ArrayList<>();
    private ArrayList<String> context = new ArrayList<>();
    private String suppressedBecause;
    private ArrayList<RemoteEvent> events = new ArrayList<>();

    public RemoteAlert() {}

    static RemoteAlert of(Alert a, List<Escalation> raisedBy, long firing) {
        RemoteAlert w = new RemoteAlert();
        w.firing = firing;
        w.kind = a.kind();
        w.rule = RemoteRule.of(a.rule());
        w.severity = a.severity().label();
        w.time = a.time();
        w.host = a.host();
        w.userDomain = a.user().getDomain();
        w.userName = a.user().getName();
        w.userSid = a.user().getSid();
        w.reasons = new ArrayList<>(a.reasons());
        for (Escalation e : raisedBy) w.escalations.add(RemoteEscalation.of(e));
        w.context = new ArrayList<>(a.context());
        w.suppressedBecause = a.suppressedBecause();
        for (ProcessEvent e : a.events()) w.events.add(RemoteEvent.of(e));
        return w;
    }

    /** The alert as Tripline's model has it: what a local run's engine would have produced for this finding. */
    public Alert toAlert() {
        Severity s = Severity.parse(severity).orElseThrow(() -> new IllegalArgumentException("unknown severity: " + severity));
        List<ProcessEvent> evs = new ArrayList<>();
        if (events != null) for (RemoteEvent e : events) evs.add(e.toProcessEvent());
        return new Alert(kind, rule.toRuleInfo(), s, time, host, new Account(userDomain, userName, userSid),
                reasons == null ? List.of() : reasons, context == null ? List.of() : context, evs, suppressedBecause, 1, time, time);
    }

    /** Which {@link FireAndCollect} of the session made it: 1 for the first, and so on. */
    public long getFiring() { return firing; }
    public void setFiring(long v) { firing = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public RemoteRule getRule() { return rule; }
    public void setRule(RemoteRule v) { rule = v; }
    public String getSeverity() { return severity; }
    public void setSeverity(String v) { severity = v; }
    public long getTime() { return time; }
    public void setTime(long v) { time = v; }
    public String getHost() { return host; }
    public void setHost(String v) { host = v; }
    public String getUserDomain() { return userDomain; }
    public void setUserDomain(String v) { userDomain = v; }
    public String getUserName() { return userName; }
    public void setUserName(String v) { userName = v; }
    public String getUserSid() { return userSid; }
    public void setUserSid(String v) { userSid = v; }
    public List<String> getReasons() { return reasons; }
    public void setReasons(List<String> v) { reasons = v == null ? null : new ArrayList<>(v); }
    public List<RemoteEscalation> getEscalations() { return escalations; }
    public void setEscalations(List<RemoteEscalation> v) { escalations = v == null ? null : new ArrayList<>(v); }
    public List<String> getContext() { return context; }
    public void setContext(List<String> v) { context = v == null ? null : new ArrayList<>(v); }
    public String getSuppressedBecause() { return suppressedBecause; }
    public void setSuppressedBecause(String v) { suppressedBecause = v; }
    public List<RemoteEvent> getEvents() { return events; }
    public void setEvents(List<RemoteEvent> v) { events = v == null ? null : new ArrayList<>(v); }
}
