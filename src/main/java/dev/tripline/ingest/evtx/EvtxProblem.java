package dev.tripline.ingest.evtx;

/**
 * Something in a file that could not be read as it should, located by the chunk's byte offset in the file and,
 * for a record, its EventRecordID ({@code -1} when even that is unknown). {@link Kind#lostData()} says whether
 * records were lost; the others are notes (a damaged header whose records proved intact).
 */
public record EvtxProblem(Kind kind, long chunkOffset, long recordId, String detail) {
    public enum Kind {
        /** The file does not start with {@code ElfFile\0}, or is shorter than its header. */
        NOT_EVTX(true),
        /** A chunk whose signature is not {@code ElfChnk\0} (and not all zero, which is unused space): skipped. */
        BAD_CHUNK_MAGIC(true),
        /** A chunk whose header and records checksums both fail: skipped. */
        BAD_CHUNK_CHECKSUM(true),
        /** A chunk shorter than its 512-byte header (the file ends inside it): skipped. */
        TRUNCATED_CHUNK(true),
        /** A record whose size, size copy or BinXML is wrong, or that the end of the file cuts: rejected. */
        DAMAGED_RECORD(true),
        /** Bytes between records that are no record: skipped up to the next record signature. */
        UNREADABLE_BYTES(true),
        /** One checksum of a chunk fails: its records were read one by one, each checked on its own. */
        CHECKSUM_MISMATCH(false);

        private final boolean lostData;

        Kind(boolean lostData) { this.lostData = lostData; }

        public boolean lostData() { return lostData; }
    }

    /** "chunk at byte 69632: …" or "record 9075053 (chunk at byte 69632): …". */
    public String describe() {
        String where = recordId >= 0 ? "record " + recordId + " (chunk at byte " + chunkOffset + ")" : "chunk at byte " + chunkOffset;
        return kind == Kind.NOT_EVTX ? detail : where + ": " + detail;
    }
}
