package dev.tripline.sigma.runtime;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * An open episode of a converted Sigma correlation for one group: inserted when the correlation fires and for
 * every matching detection inside the episode afterwards, so the same episode never alerts twice. Outlives
 * every detection it can suppress (detections live 2h, correlation windows are at most 1h), or a
 * "not CorrelationMark" would re-fire for an old detection when its mark expired.
 *
 * <p>Its lifetime counts from {@code since}, the session clock when the mark was made, not from {@code time} (its
 * detection's time, which the windows compare): a mark made for a detection older than 3h (one whose type does
 * not expire, or that arrived late) still lives 3h, so the correlation that made it cannot fire again at once for
 * the same detection. Counted from {@code time}, such a mark was expired as soon as it was inserted, and the
 * correlation re-fired and re-inserted it without end.
 */
@Role(Role.Type.EVENT)
@Timestamp("since")
@Expires("3h")
public final class CorrelationMark {
    private final String correlation;
    private final String group;
    private final long time;
    private final Object trigger;
    private final long since;

    public CorrelationMark(String correlation, String group, long time, Object trigger) {
        this(correlation, group, time, trigger, time);
    }

    /** {@code now}: the session clock; the mark's lifetime starts at the later of {@code now} and {@code time}. */
    public CorrelationMark(String correlation, String group, long time, Object trigger, long now) {
        this.correlation = correlation;
        this.group = group;
        this.time = time;
        this.trigger = trigger;
        this.since = Math.max(time, now);
    }

    public String getCorrelation() { return correlation; }
    public String getGroup() { return group; }
    public long getTime() { return time; }
    public Object getTrigger() { return trigger; }
    public long getSince() { return since; }

    @Override public String toString() { return "CorrelationMark[" + correlation + " " + group + " @" + time + "]"; }
}
