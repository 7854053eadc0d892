package dev.tripline.model;

/** Where an event came from: the input path as the user gave it (or "-" for stdin) and its 1-based line. */
public record SourceRef(String file, long line) implements java.io.Serializable {
    /** {@code file:line}; just the file for a whole-file matter (line 0). */
    @Override public String toString() { return line > 0 ? file + ":" + line : file; }
}
