package dev.tripline.model;

import java.util.List;
import java.util.Map;

/** A detection rule matched one process event. */
public final class Detection extends Finding {
    private final ProcessEvent event;

    public Detection(RuleInfo rule, ProcessEvent event) {
        super(rule, event.getTime(), event.getHost(), event.getActor());
        this.event = event;
    }

    /** For DRL: {@code insert(Detection.of(drools.getRule().getName(), drools.getRule().getMetaData(), $e))}. */
    public static Detection of(String ruleName, Map<String, Object> meta, ProcessEvent event) {
        return new Detection(info(ruleName, meta), event);
    }

    public ProcessEvent getEvent() { return event; }
    public String getCommandLineKey() { return event.getCommandLineKey(); }
    @Override public SourceRef getSource() { return event.getSource(); }
    @Override public List<ProcessEvent> getEvents() { return List.of(event); }
    @Override public boolean ranIn(String hostKey, String logonId) {
        return logonId != null && logonId.equals(event.getLogonId()) && getHostKey().equals(hostKey);
    }
    @Override public String kind() { return "detection"; }

    @Override public String toString() { return "Detection[" + getRuleId() + " " + event + "]"; }
}
