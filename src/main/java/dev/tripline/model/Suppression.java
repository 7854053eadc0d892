package dev.tripline.model;

import java.util.Objects;

/** The finding is known-benign: it is counted and, on request, written with {@code "suppressed": true}, never dropped silently. */
public record Suppression(Finding finding, String reason) {
    public Finding getFinding() { return finding; }
    public String getReason() { return reason; }

    @Override public boolean equals(Object o) { return o instanceof Suppression s && s.finding == finding && s.reason.equals(reason); }
    @Override public int hashCode() { return Objects.hash(System.identityHashCode(finding), reason); }
}
