package dev.tripline.sigma.runtime;

import dev.tripline.model.Detection;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A detection of a Sigma rule that only feeds correlations ({@code generate: false}): not a
 * {@link dev.tripline.model.Finding}, so it raises no alert, but correlations converted from Sigma match it
 * like a detection. Lives as long as a Detection (see events/event_lifetimes.drl).
 */
@Role(Role.Type.EVENT)
@Timestamp("time")
@Expires("2h")
public final class QuietDetection implements TimedFact {
    private final Detection detection;

    public QuietDetection(Detection detection) { this.detection = detection; }

    public Detection getDetection() { return detection; }
    public String getRuleId() { return detection.getRuleId(); }
    @Override public long getTime() { return detection.getTime(); }
    @Override public SourceRef getSource() { return detection.getSource(); }

    @Override public String toString() { return "QuietDetection[" + detection + "]"; }
}
