package dev.tripline.model;

/** Where an event came from: the input path as the user gave it (or "-" for stdin) and its 1-based line. */
public record SourceRef(String file, long line) {
    @Override public String toString() { return file + ":" + line; }
}
