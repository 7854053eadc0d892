package dev.tripline.model;

import java.util.Objects;

/** Something an analyst wants to know about a finding that does not change its severity ("in an RDP session from 10.0.0.5"). */
public record ContextNote(Finding finding, String text) {
    public Finding getFinding() { return finding; }
    public String getText() { return text; }

    @Override public boolean equals(Object o) { return o instanceof ContextNote n && n.finding == finding && n.text.equals(text); }
    @Override public int hashCode() { return Objects.hash(System.identityHashCode(finding), text); }
}
