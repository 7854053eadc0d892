package dev.tripline.model;

import java.util.Objects;

/**
 * "{@code finding} may still be joined by an echo of its command for {@code windowMillis}": the engine keeps the
 * finding's alert open until event time has passed that long after the finding was made (or the input ends), so
 * a {@link TypedCommandEcho} arriving in the meantime joins it instead of raising an alert of its own.
 */
public final class AwaitsEcho {
    /**
     * The longest a finding may be held open: what an alert can lag behind event time when it leaves the engine,
     * which whoever folds alerts by event time allows for.
     */
    public static final long MAX_WINDOW_MILLIS = 60_000;

    private final Finding finding;
    private final long windowMillis;

    public AwaitsEcho(Finding finding, long windowMillis) {
        if (windowMillis < 0 || windowMillis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("an echo window is between 0 and " + MAX_WINDOW_MILLIS + " ms, not " + windowMillis);
        }
        this.finding = Objects.requireNonNull(finding);
        this.windowMillis = windowMillis;
    }

    public Finding getFinding() { return finding; }
    public long getWindowMillis() { return windowMillis; }
    /** When the held finding was made: the hold is counted from here, and the fact is only needed until it ends. */
    public long getTime() { return finding.getTime(); }

    @Override public boolean equals(Object o) { return o instanceof AwaitsEcho a && a.finding == finding && a.windowMillis == windowMillis; }
    @Override public int hashCode() { return Objects.hash(System.identityHashCode(finding), windowMillis); }
    @Override public String toString() { return "AwaitsEcho[" + finding + " " + windowMillis + "ms]"; }
}
