package dev.tripline.sigma.runtime;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * One detection (or quiet detection, or inner correlation) as an input of one converted Sigma correlation, under
 * its group-by key: what the correlation's window remembers. Detections themselves leave working memory minutes
 * after they arrive (events/event_lifetimes.drl); a correlation keeps its inputs for its own timespan instead,
 * and only the detections of the rules it names. The group key is computed once, here, so the window's join on
 * {@code (correlation, group)} is an indexed equality rather than a key computed per fact per window.
 *
 * <p>Lives as long as the longest timespan a conversion accepts (1 hour, {@code CorrelationGenerator}) plus a
 * margin; correlation marks outlive it ({@link CorrelationMark}, 3h), so an input never outlives the mark that
 * suppresses it.
 */
@Role(Role.Type.EVENT)
@Timestamp("time")
@Expires("65m")
public final class CorrelationInput {
    private final String correlation;
    private final String group;
    private final Object fact;
    private final long time;

    public CorrelationInput(String correlation, String group, Object fact) {
        this.correlation = correlation;
        this.group = group;
        this.fact = fact;
        this.time = Correlations.time(fact);
    }

    /** The Sigma correlation's id. */
    public String getCorrelation() { return correlation; }
    /** The fact's group-by key under that correlation ({@link Correlations#groupKey}). */
    public String getGroup() { return group; }
    /** The detection, quiet detection or correlated finding. */
    public Object getFact() { return fact; }
    public long getTime() { return time; }

    @Override public String toString() { return "CorrelationInput[" + correlation + " " + group + " @" + time + "]"; }
}
