package dev.tripline.model;

import java.util.Objects;

/** The process was started by a server process (web server, database, application server). */
public final class SpawnedByServerProcess {
    private final ProcessEvent event;
    private final String reason;

    public SpawnedByServerProcess(ProcessEvent event, String reason) {
        this.event = Objects.requireNonNull(event);
        this.reason = Objects.requireNonNull(reason);
    }

    public ProcessEvent getEvent() { return event; }
    public String getReason() { return reason; }

    @Override public boolean equals(Object o) { return o instanceof SpawnedByServerProcess s && s.event == event; }
    @Override public int hashCode() { return System.identityHashCode(event); }
    @Override public String toString() { return "SpawnedByServerProcess[" + reason + "]"; }
}
