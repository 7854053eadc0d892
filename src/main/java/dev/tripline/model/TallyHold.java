package dev.tripline.model;

/**
 * Keeps a {@link DistinctTally} while its window lasts after the detections it counted have left memory: a
 * short-lived event (its lifetime is declared with the correlation rules, events/event_lifetimes.drl) that the
 * rules insert when a tally has no live detection and is not yet quiet. When it expires the rules look again:
 * a quiet tally is forgotten, any other gets a new hold. So a tally costs one small fact at a time whatever its
 * window, and forgetting it needs nothing but {@code @expires}, which every KIE host runs.
 *
 * <p>Its time is the session clock when it was made (not an event's time), so a hold made for an old tally, or at
 * the end of a replay when the clock jumps, still lives its full lifetime and cannot expire as it is inserted.
 */
public final class TallyHold {
    private final DistinctTally tally;
    private final long time;

    public TallyHold(DistinctTally tally, long now) {
        this.tally = tally;
        this.time = now;
    }

    public DistinctTally getTally() { return tally; }
    public long getTime() { return time; }

    @Override public String toString() { return "TallyHold[" + tally + " @" + time + "]"; }
}
