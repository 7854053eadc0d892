package dev.tripline.model;

/** A fact with an event time, in epoch milliseconds; the engine drives its clock from it. */
public interface TimedFact {
    long getTime();

    SourceRef getSource();
}
