package dev.tripline.ingest;

/**
 * How readers treat input. {@code maxRecordBytes} bounds the memory one record may take: a longer line or
 * object is rejected as {@code record too large} without being held in memory.
 */
public record IngestOptions(int maxRecordBytes) {
    public static final int DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;

    public IngestOptions {
        if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }

    public static IngestOptions defaults() { return new IngestOptions(DEFAULT_MAX_RECORD_BYTES); }

    public IngestOptions withMaxRecordBytes(int bytes) { return new IngestOptions(bytes); }
}
