package dev.tripline.sigma.runtime;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * An open episode of a converted Sigma correlation for one group: inserted when the correlation fires and for
 * every matching detection inside the episode afterwards, so the same episode never alerts twice. Outlives
 * every detection it can suppress (detections live 2h, correlation windows are at most 1h), or a
 * "not CorrelationMark" would re-fire for an old detection when its mark expired.
 */
@Role(Role.Type.EVENT)
@Timestamp("time")
@Expires("3h")
public final class CorrelationMark {
    private final String correlation;
    private final String group;
    private final long time;
    private final Object trigger;

    public CorrelationMark(String correlation, String group, long time, Object trigger) {
        this.correlation = correlation;
        this.group = group;
        this.time = time;
        this.trigger = trigger;
    }

    public String getCorrelation() { return correlation; }
    public String getGroup() { return group; }
    public long getTime() { return time; }
    public Object getTrigger() { return trigger; }

    @Override public String toString() { return "CorrelationMark[" + correlation + " " + group + " @" + time + "]"; }
}
