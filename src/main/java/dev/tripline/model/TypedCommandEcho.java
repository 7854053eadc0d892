package dev.tripline.model;

import java.util.Objects;

/**
 * "{@code echo} is the same typed command as {@code typed}": net.exe hands its arguments to a net1.exe child, so
 * one command typed once is logged as two processes. The echo's detection is not a finding of its own: its alert
 * is the typed command's alert, which cites the echo's event as a second event and says {@code reason}. Context
 * rules insert it (see rules-drl/tripline/context/typed_command.drl); the engine only assembles the alert.
 */
public final class TypedCommandEcho implements TimedFact {
    private final Detection echo;
    private final Detection typed;
    private final String reason;

    public TypedCommandEcho(Detection echo, Detection typed, String reason) {
        this.echo = Objects.requireNonNull(echo);
        this.typed = Objects.requireNonNull(typed);
        this.reason = Objects.requireNonNull(reason);
    }

    public Detection getEcho() { return echo; }
    public Detection getTyped() { return typed; }
    public String getReason() { return reason; }
    /** The echo's time: the fact lives (and expires) with the event it explains. */
    @Override public long getTime() { return echo.getTime(); }
    @Override public SourceRef getSource() { return echo.getSource(); }

    @Override public boolean equals(Object o) { return o instanceof TypedCommandEcho t && t.echo == echo && t.typed == typed; }
    @Override public int hashCode() { return Objects.hash(System.identityHashCode(echo), System.identityHashCode(typed)); }
    @Override public String toString() { return "TypedCommandEcho[" + echo + " of " + typed + "]"; }
}
