package dev.tripline.model;

import java.util.List;
import java.util.Map;

/**
 * What a rule concluded: a detection on one event or a correlation over several. Rules insert findings;
 * escalation rules raise their severity by inserting {@link Escalation}s; the engine turns each into an alert.
 * Identity equality on purpose: two findings are never "the same" fact.
 */
public abstract class Finding implements TimedFact {
    private final RuleInfo rule;
    private final long time;
    private final String host;
    private final Account actor;

    protected Finding(RuleInfo rule, long time, String host, Account actor) {
        this.rule = rule;
        this.time = time;
        this.host = host;
        this.actor = actor == null ? Account.unknown() : actor;
    }

    public RuleInfo getRule() { return rule; }
    public String getRuleId() { return rule.id(); }
    public Severity getLevel() { return rule.level(); }
    @Override public long getTime() { return time; }
    public String getHost() { return host; }
    public String getHostKey() { return host == null ? "" : Text.fold(host); }
    public Account getActor() { return actor; }
    public boolean hasTag(String tag) { return rule.hasTag(tag); }

    /** The events that make up this finding, in time order. */
    public abstract List<ProcessEvent> getEvents();

    /** Whether a process of this finding ran in logon session {@code logonId} on host {@code hostKey} (folded). */
    public abstract boolean ranIn(String hostKey, String logonId);

    /** "detection" or "correlation", as alerts name it. */
    public abstract String kind();

    static RuleInfo info(String ruleName, Map<String, Object> meta) { return RuleInfo.of(ruleName, meta); }
}
