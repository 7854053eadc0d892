package dev.tripline.ingest;

import dev.tripline.model.TimedFact;

/** What normalizing one JSON record gave: a fact, a record that is valid but not for us, or a bad record. */
public sealed interface Outcome {

    /** A fact for the engine. */
    record Accepted(TimedFact fact) implements Outcome {}

    /** A well-formed record Tripline has no use for (not a process creation, say); counted, not an error. */
    record Skipped(String reason) implements Outcome {}

    /** A record that should have been usable but is not (no time, no command line…); counted as an error. */
    record Rejected(String reason) implements Outcome {}

    static Outcome accepted(TimedFact fact) { return new Accepted(fact); }
    static Outcome skipped(String reason) { return new Skipped(reason); }
    static Outcome rejected(String reason) { return new Rejected(reason); }
}
