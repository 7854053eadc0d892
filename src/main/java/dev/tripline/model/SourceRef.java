package dev.tripline.model;

/**
 * Where an event came from: the input path as the user gave it (or "-" for stdin) and its 1-based line, or, for
 * an .evtx record, its EventRecordID ({@code record}; {@link #NO_RECORD} for line-based inputs).
 */
public record SourceRef(String file, long line, long record) implements java.io.Serializable {
    public static final long NO_RECORD = -1;

    public SourceRef(String file, long line) {
        this(file, line, NO_RECORD);
    }

    /** An .evtx record, located by file and EventRecordID. */
    public static SourceRef ofRecord(String file, long eventRecordId) {
        return new SourceRef(file, 0, eventRecordId);
    }

    public boolean hasRecord() { return record != NO_RECORD; }

    /** {@code file:line}, {@code file#record} for an .evtx record; just the file for a whole-file matter (line 0). */
    @Override public String toString() {
        if (hasRecord()) return file + "#" + record;
        return line > 0 ? file + ":" + line : file;
    }
}
